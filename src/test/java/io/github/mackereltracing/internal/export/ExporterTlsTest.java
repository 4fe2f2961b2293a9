package io.github.mackereltracing.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.MackerelTracing;
import io.github.mackereltracing.testing.LogCapture;
import io.github.mackereltracing.testing.OtlpReceiver;
import io.github.mackereltracing.testing.TestDeployment;
import io.github.mackereltracing.testing.TestKeys;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter's TLS against a real loopback HTTPS receiver with a self-signed certificate made by the
 * JDK's keytool: what the JVM-wide defaults say (which any application in the server can replace) does not
 * count; the OpenTelemetry certificate setting does.
 */
class ExporterTlsTest {
  static final String KEY = TestKeys.key("tls");
  static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir
  static Path dir;
  /** Certificate for 127.0.0.1 and localhost. */
  static Path loopbackPem;
  static SSLContext loopbackServer;
  /** Certificate for other.invalid only. */
  static Path otherPem;
  static SSLContext otherServer;

  private SSLSocketFactory defaultFactory;
  private HostnameVerifier defaultVerifier;
  private SSLContext defaultContext;

  @BeforeAll
  static void certificates() throws Exception {
    loopbackPem = keyPair("loopback", "SAN=ip:127.0.0.1,dns:localhost");
    loopbackServer = serverContext("loopback");
    otherPem = keyPair("other", "SAN=dns:other.invalid");
    otherServer = serverContext("other");
  }

  @BeforeEach
  void rememberJvmDefaults() throws Exception {
    defaultFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
    defaultVerifier = HttpsURLConnection.getDefaultHostnameVerifier();
    defaultContext = SSLContext.getDefault();
  }

  @AfterEach
  void restoreJvmDefaults() {
    HttpsURLConnection.setDefaultSSLSocketFactory(defaultFactory);
    HttpsURLConnection.setDefaultHostnameVerifier(defaultVerifier);
    SSLContext.setDefault(defaultContext);
  }

  @Test
  void aTrustAllDefaultThatAnotherApplicationInstalledDoesNotMakeUsTrustAnUnknownCertificate() throws Exception {
    installTrustAllJvmWide();
    try (OtlpReceiver receiver = OtlpReceiver.https(loopbackServer); LogCapture log = LogCapture.library()) {
      try (TestDeployment app = deployment(receiver, null)) {
        span(app, "over-tls");
      }
      assertThat(receiver.requests()).isEmpty();
      assertThat(String.join("\n", log.linesAt(Level.WARNING))).contains("could not be delivered", "SSLHandshakeException");
      assertThat(log.all()).doesNotContain(KEY);
    }
  }

  @Test
  void theConfiguredCertificateIsTrusted() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.https(loopbackServer)) {
      try (TestDeployment app = deployment(receiver, loopbackPem)) {
        span(app, "over-tls");
      }
      assertThat(receiver.spanNames()).containsExactly("over-tls");
      assertThat(receiver.requests().get(0).header("Mackerel-Api-Key")).isEqualTo(KEY);
    }
  }

  @Test
  void aTrustedCertificateForAnotherHostIsRefusedWhateverTheJvmWideHostnameVerifierAllows() throws Exception {
    installTrustAllJvmWide();
    try (OtlpReceiver receiver = OtlpReceiver.https(otherServer); LogCapture log = LogCapture.library()) {
      try (TestDeployment app = deployment(receiver, otherPem)) {
        span(app, "over-tls");
      }
      assertThat(receiver.requests()).isEmpty();
      assertThat(String.join("\n", log.linesAt(Level.WARNING))).contains("could not be delivered", "SSLHandshakeException");
    }
  }

  /** Mutual TLS: the receiver asks for a client certificate; the client key settings provide it. */
  @Test
  void theConfiguredClientKeyAndCertificateAreSentWhenTheEndpointAsksForThem() throws Exception {
    Path clientPem = keyPair("client", "SAN=dns:client.invalid");
    Path clientKey = dir.resolve("client.key");
    KeyStore clientStore = keyStore("client");
    Files.writeString(clientKey, "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
            clientStore.getKey("client", PASSWORD).getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("client", clientStore.getCertificate("client"));
    javax.net.ssl.TrustManagerFactory trust =
        javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore("loopback"), PASSWORD);
    SSLContext mutual = SSLContext.getInstance("TLS");
    mutual.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

    try (OtlpReceiver receiver = OtlpReceiver.httpsWithClientCertificates(mutual);
        LogCapture log = LogCapture.library()) {
      // Refused after the handshake (TLS 1.3): the client sees its request cut off, which it retries; 1 s
      // rather than 10 for the test.
      try (TestDeployment app = deployment(receiver, loopbackPem, Map.of("otel.exporter.otlp.traces.timeout", "1s"))) {
        span(app, "without-client-certificate");
      }
      Map<String, String> config = new HashMap<>(Map.of(
          "otel.exporter.otlp.traces.client.key", clientKey.toString(),
          "otel.exporter.otlp.traces.client.certificate", clientPem.toString()));
      try (TestDeployment app = deployment(receiver, loopbackPem, config)) {
        span(app, "with-client-certificate");
      }
      assertThat(receiver.spanNames()).containsExactly("with-client-certificate");
      assertThat(String.join("\n", log.linesAt(Level.WARNING))).contains("could not be delivered");
    }
  }

  static TestDeployment deployment(OtlpReceiver receiver, Path certificate) throws Exception {
    return deployment(receiver, certificate, Map.of());
  }

  static TestDeployment deployment(OtlpReceiver receiver, Path certificate, Map<String, String> more)
      throws Exception {
    Map<String, String> config = new HashMap<>(more);
    config.putAll(Map.of(
        "mackerel.api-key", KEY,
        "otel.exporter.otlp.traces.endpoint", receiver.tracesUrl(),
        "otel.bsp.schedule.delay", "600000")); // sent by the flush at undeploy
    if (certificate != null) {
      config.put("otel.exporter.otlp.traces.certificate", certificate.toString());
    }
    return TestDeployment.create("tls", config);
  }

  /**
   * HttpsURLConnection asks the factory for unconnected and layered sockets; the four overloads that connect at
   * once (SocketFactory's) go through the same checks.
   */
  @Test
  void everySocketTheFactoryMakesChecksTheHostNameAndTheConfiguredProtocols() throws Exception {
    SSLSocketFactory factory = ExporterTls.socketFactory(null, List.of("TLSv1.3"));
    try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
      int port = listener.getLocalPort();
      java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
      List<java.net.Socket> sockets = List.of(
          factory.createSocket("localhost", port),
          factory.createSocket(loopback, port),
          factory.createSocket("localhost", port, loopback, 0),
          factory.createSocket(loopback, port, loopback, 0));
      try {
        for (java.net.Socket socket : sockets) {
          javax.net.ssl.SSLParameters parameters = ((javax.net.ssl.SSLSocket) socket).getSSLParameters();
          assertThat(socket.isConnected()).isTrue();
          assertThat(socket.getPort()).isEqualTo(port);
          assertThat(parameters.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
          assertThat(parameters.getProtocols()).containsExactly("TLSv1.3");
        }
      } finally {
        for (java.net.Socket socket : sockets) {
          socket.close();
        }
      }
    }
  }

  static void span(TestDeployment app, String name) throws Exception {
    app.call(() -> {
      MackerelTracing.openTelemetry().getTracer("t").spanBuilder(name).startSpan().end();
      return null;
    });
  }

  /** What test code in another WAR of the same server commonly does. */
  static void installTrustAllJvmWide() throws Exception {
    TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustAll}, null);
    SSLContext.setDefault(context);
    HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
    HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
  }

  /** A self-signed key pair in {@code name}.p12, and its certificate in {@code name}.pem. */
  static Path keyPair(String name, String subjectAlternativeNames) throws Exception {
    Path keystore = dir.resolve(name + ".p12");
    Path pem = dir.resolve(name + ".pem");
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
        "-ext", subjectAlternativeNames, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
    keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keystore.toString(),
        "-storepass", new String(PASSWORD), "-file", pem.toString());
    return pem;
  }

  static KeyStore keyStore(String name) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
      keyStore.load(in, PASSWORD);
    }
    return keyStore;
  }

  static SSLContext serverContext(String name) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore(name), PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
