package io.github.mackereltracing.httptest;

import io.github.mackereltracing.testing.MemorySpanExporterProvider;
import java.net.URI;
import java.util.Map;

/** The HTTP scenarios on embedded Jetty 12 + Weld + RESTEasy, spans read from the in-memory exporter. */
class JettyInMemoryTest extends HttpTracingScenarios {
  private JettyShop shop;

  @Override
  protected URI deploy(Map<String, String> params) throws Exception {
    MemorySpanExporterProvider.SPANS.reset();
    params.put("otel.traces.exporter", MemorySpanExporterProvider.NAME);
    shop = JettyShop.start(params, true, JettyShop.newDeploymentLoader());
    return shop.base();
  }

  @Override
  protected SpanSource spans() {
    return SpanSource.inMemory();
  }

  @Override
  protected void undeploy() throws Exception {
    if (shop != null) {
      shop.close();
    }
  }
}
