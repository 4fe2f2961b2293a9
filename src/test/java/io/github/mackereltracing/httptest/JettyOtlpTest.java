package io.github.mackereltracing.httptest;

import io.github.mackereltracing.testing.OtlpReceiver;
import java.net.URI;
import java.util.Map;

/**
 * The HTTP scenarios on embedded Jetty 12 + Weld + RESTEasy, spans read from what the real OTLP/HTTP
 * exporter sent to a real receiver: what Mackerel would receive.
 */
class JettyOtlpTest extends HttpTracingScenarios {
  private OtlpReceiver receiver;
  private JettyShop shop;

  @Override
  protected URI deploy(Map<String, String> params) throws Exception {
    receiver = new OtlpReceiver();
    params.put("otel.traces.exporter", "otlp");
    params.put("otel.exporter.otlp.traces.endpoint", receiver.tracesUrl());
    shop = JettyShop.start(params, true, JettyShop.newDeploymentLoader());
    return shop.base();
  }

  @Override
  protected SpanSource spans() {
    return SpanSource.otlp(receiver);
  }

  @Override
  protected void undeploy() throws Exception {
    if (shop != null) {
      shop.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }
}
