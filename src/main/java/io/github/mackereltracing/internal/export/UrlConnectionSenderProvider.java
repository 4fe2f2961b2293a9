package io.github.mackereltracing.internal.export;

import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * Gives the OTLP exporter the {@link UrlConnectionSender} (registered in META-INF/services; the library has
 * no other HTTP sender, so the SDK picks this one without configuration). The exporter's executor is not
 * used: requests run on the exporting thread. TLS is the exporter's own ({@link ExporterTls}), built from the
 * SDK's certificate settings or the JDK's default trust, never from the JVM-wide defaults.
 */
public final class UrlConnectionSenderProvider implements HttpSenderProvider {
  @Override
  public HttpSender createSender(HttpSenderConfig config) {
    try {
      return new UrlConnectionSender(
          config.getEndpoint().toURL(),
          config.getContentType(),
          config.getCompressor(),
          config.getConnectTimeout(),
          config.getTimeout(),
          config.getHeadersSupplier(),
          config.getRetryPolicy(),
          proxy(config.getProxyOptions(), config),
          socketFactory(config),
          config.getMaxResponseBodySize());
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a URL: " + config.getEndpoint(), e);
    }
  }

  /** The proxy the options choose for the endpoint, or null for the JVM's own choice. */
  private static Proxy proxy(ProxyOptions options, HttpSenderConfig config) {
    if (options == null) {
      return null;
    }
    List<Proxy> proxies = options.getProxySelector().select(config.getEndpoint());
    return proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
  }

  /** Our own TLS for an https endpoint (see {@link ExporterTls}); null for plain HTTP. */
  private static SSLSocketFactory socketFactory(HttpSenderConfig config) {
    if (!"https".equalsIgnoreCase(config.getEndpoint().getScheme())) {
      return null;
    }
    try {
      return ExporterTls.socketFactory(config.getSslContext(), config.getEnabledProtocols());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's default TLS trust could not be loaded: " + e.getMessage(), e);
    }
  }
}
