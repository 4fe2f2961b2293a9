package io.github.mackereltracing.internal.export;

import jakarta.annotation.Nullable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The exporter's own TLS: never the JVM-wide defaults of {@code HttpsURLConnection}, which any code in the
 * server can replace (another WAR installing a trust-all factory or host name verifier, as test code often
 * does), and the API key would then go over a connection nobody verified.
 *
 * <p>The {@link SSLContext} is the one the SDK built from {@code otel.exporter.otlp[.traces].certificate}
 * and the client key and certificate settings when they are set; otherwise a fresh one with the JDK's
 * default trust managers (the {@code cacerts} file, or {@code javax.net.ssl.trustStore} as the server was
 * started with), not {@link SSLContext#getDefault()}, which can be replaced at run time. Every socket checks
 * the host name during the handshake (endpoint identification {@code HTTPS}, as the JDK's own HTTP client
 * does), so that no {@link HostnameVerifier} is ever asked to accept a mismatch; the verifier set on each
 * connection ({@link #REFUSE_MISMATCH}) is only consulted by the JDK after its own check failed, and refuses.
 */
final class ExporterTls {
  static final HostnameVerifier REFUSE_MISMATCH = (host, session) -> false;

  private ExporterTls() {}

  /**
   * @param configured the SDK's context (certificate settings), or null for the JDK's default trust
   * @param protocols {@code otel.exporter.otlp.ssl.enabled.protocols}, or empty for the JDK's defaults
   */
  static SSLSocketFactory socketFactory(@Nullable SSLContext configured, List<String> protocols)
      throws GeneralSecurityException {
    SSLContext context = configured != null ? configured : defaultTrust();
    return new VerifyingSocketFactory(context.getSocketFactory(),
        protocols == null || protocols.isEmpty() ? null : protocols.toArray(new String[0]));
  }

  private static SSLContext defaultTrust() throws GeneralSecurityException {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init((KeyStore) null);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /** Sets host name verification (and the enabled protocols, when configured) on every socket it makes. */
  private static final class VerifyingSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    /** Null: the JDK's defaults. */
    @Nullable private final String[] protocols;

    VerifyingSocketFactory(SSLSocketFactory delegate, @Nullable String[] protocols) {
      this.delegate = delegate;
      this.protocols = protocols;
    }

    private Socket verifying(Socket socket) {
      if (socket instanceof SSLSocket ssl) {
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (protocols != null) {
          parameters.setProtocols(protocols);
        }
        ssl.setSSLParameters(parameters);
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
      return verifying(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
      return verifying(delegate.createSocket(socket, host, port, autoClose));
    }

    // The four that connect at once: HttpsURLConnection asks only for the two above, an unconnected socket and
    // a layered one; these make an unconnected one and connect it, so that every socket goes through verifying.

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, @Nullable InetSocketAddress local) throws IOException {
      Socket socket = createSocket();
      try {
        if (local != null) {
          socket.bind(local);
        }
        socket.connect(remote);
        return socket;
      } catch (IOException | RuntimeException e) {
        socket.close();
        throw e;
      }
    }
  }
}
