package io.github.mackereltracing.httptest.jersey;

import io.github.mackereltracing.testing.MemorySpanExporterProvider;
import io.github.mackereltracing.httptest.HttpTracingScenarios;
import io.github.mackereltracing.httptest.JettyShop;
import io.github.mackereltracing.httptest.SpanSource;
import java.net.URI;
import java.util.Map;

/**
 * The HTTP scenarios with Jersey (the JAX-RS implementation of Payara and GlassFish) instead of RESTEasy,
 * in the surefire execution that has Jersey, and not RESTEasy, on its class path. The application lists its
 * classes, so the filters come from Jersey's auto-discovery hook, on the server and in the client.
 */
class JettyJerseyTest extends HttpTracingScenarios {
  private JettyShop shop;

  @Override
  protected URI deploy(Map<String, String> params) throws Exception {
    MemorySpanExporterProvider.SPANS.reset();
    params.put("otel.traces.exporter", MemorySpanExporterProvider.NAME);
    shop = JettyShop.start(params, true, JettyShop.newDeploymentLoader(), JettyShop.JaxRs.JERSEY);
    return shop.base();
  }

  @Override
  protected SpanSource spans() {
    return SpanSource.inMemory();
  }

  /** No MicroProfile Rest Client implementation for Jersey on this class path. */
  @Override
  protected boolean hasMicroProfileRestClient() {
    return false;
  }

  @Override
  protected boolean unmappedJaxRsExceptionEscapes() {
    return true;
  }

  /** Jersey's client executor carries no context: users wrap it (docs/http.md). */
  @Override
  protected boolean clientsOwnExecutorCarriesTheContext() {
    return false;
  }

  @Override
  protected void undeploy() throws Exception {
    if (shop != null) {
      shop.close();
    }
  }
}
