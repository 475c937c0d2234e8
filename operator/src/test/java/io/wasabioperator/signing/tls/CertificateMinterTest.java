package io.wasabioperator.signing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** Certificates Java's own X.509 parser and TLS stack accept: parsed, chained, and used in real handshakes. */
class CertificateMinterTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Test
  void aCaAndAServingCertificateForTheNamesClientsUse() throws Exception {
    CertificateMinter.Minted ca = CertificateMinter.authority("wasabi-operator signing CA", NOW,
        NOW.plus(Duration.ofDays(365)));
    CertificateMinter.Minted leaf = CertificateMinter.serving(ca, List.of("wasabi-operator-signing.ops.svc",
        "localhost", "127.0.0.1"), NOW, NOW.plus(Duration.ofDays(1)));

    X509Certificate caCertificate = ca.certificate();
    caCertificate.verify(caCertificate.getPublicKey());
    assertThat(caCertificate.getBasicConstraints()).as("a CA, signing end entities only").isZero();
    assertThat(caCertificate.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(caCertificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));

    X509Certificate serving = leaf.certificate();
    serving.verify(caCertificate.getPublicKey());
    assertThat(serving.getIssuerX500Principal()).isEqualTo(caCertificate.getSubjectX500Principal());
    assertThat(serving.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(serving.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
        List.of(2, "wasabi-operator-signing.ops.svc"), List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    assertThat(serving.getNotBefore().toInstant()).isEqualTo(NOW);
  }

  @Test
  void aTlsClientTrustingTheCaConnectsByEveryNameAndNoOtherClientOrNameDoes() throws Exception {
    CertificateMinter.Minted ca = CertificateMinter.authority("signing CA", NOW.minusSeconds(60),
        NOW.plus(Duration.ofDays(1)));
    CertificateMinter.Minted leaf = CertificateMinter.serving(ca, List.of("localhost", "127.0.0.1"),
        NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)));
    CertificateMinter.Minted stranger = CertificateMinter.authority("another CA", NOW.minusSeconds(60),
        NOW.plus(Duration.ofDays(1)));

    try (SSLServerSocket server = (SSLServerSocket) serverContext(leaf, ca).getServerSocketFactory()
        .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      CompletableFuture.runAsync(() -> serve(server));
      SSLContext trusting = TestTls.clientTrusting(ca.certificate());
      int port = server.getLocalPort();
      assertThat(handshake(trusting, "localhost", port)).isEqualTo("TLSv1.3");
      assertThat(handshake(trusting, "127.0.0.1", port)).isEqualTo("TLSv1.3");
      assertThatThrownBy(() -> handshake(trusting, "wasabi.example", port))
          .as("a name the certificate does not carry").isInstanceOf(SSLHandshakeException.class);
      assertThatThrownBy(() -> handshake(TestTls.clientTrusting(stranger.certificate()), "localhost", port))
          .as("a client that trusts another CA").isInstanceOf(SSLHandshakeException.class);
    }
  }

  private static SSLContext serverContext(CertificateMinter.Minted leaf, CertificateMinter.Minted ca)
      throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("serving", leaf.keys().getPrivate(), new char[0],
        new Certificate[] {leaf.certificate(), ca.certificate()});
    KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }

  /** Connects to the loopback port as {@code host}, checking the certificate's names as HTTPS does. */
  private static String handshake(SSLContext client, String host, int port) throws IOException {
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
         SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, host, port, true)) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }

  private static void serve(SSLServerSocket server) {
    while (!server.isClosed()) {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        socket.startHandshake();
      } catch (IOException e) {
        // a refused handshake, or the server closing: the next client, or the end
      }
    }
  }
}
