package io.github.mackereltracing.internal.export;

import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Gives the OTLP exporter the {@link UrlConnectionSender} (registered in META-INF/services; the library has
 * no other HTTP sender, so the SDK picks this one without configuration). The exporter's executor is not
 * used: requests run on the exporting thread.
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
          socketFactory(config.getSslContext(), config.getEnabledProtocols()),
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

  private static SSLSocketFactory socketFactory(SSLContext context, List<String> enabledProtocols) {
    if (context == null && (enabledProtocols == null || enabledProtocols.isEmpty())) {
      return null;
    }
    SSLSocketFactory factory = context != null
        ? context.getSocketFactory()
        : (SSLSocketFactory) SSLSocketFactory.getDefault();
    return enabledProtocols == null || enabledProtocols.isEmpty()
        ? factory
        : new ProtocolsSocketFactory(factory, enabledProtocols.toArray(new String[0]));
  }

  /** Restricts the TLS versions of every socket it makes ({@code otel.exporter.otlp.ssl.enabled.protocols}). */
  private static final class ProtocolsSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String[] protocols;

    ProtocolsSocketFactory(SSLSocketFactory delegate, String[] protocols) {
      this.delegate = delegate;
      this.protocols = protocols;
    }

    private Socket restrict(Socket socket) {
      if (socket instanceof SSLSocket ssl) {
        ssl.setEnabledProtocols(protocols);
      }
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return restrict(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
      return restrict(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return restrict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return restrict(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return restrict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return restrict(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
