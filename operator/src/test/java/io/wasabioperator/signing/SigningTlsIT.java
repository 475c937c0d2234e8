package io.wasabioperator.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.SigningConfig;
import io.wasabioperator.signing.tls.CertificateMinter;
import io.wasabioperator.signing.tls.Pem;
import io.wasabioperator.signing.tls.TestTls;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.SigningClient;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The signing API's TLS on the real clock, with lifetimes in seconds (Java's TLS checks validity against the real
 * clock, so no clock is moved): the serving certificate renews while the API serves, and a CA rotation keeps
 * clients with the old bundle and with the new one connecting through the overlap, then the new one.
 */
@RecordedApiServer(chartValues = "{}")
@Timeout(90)
class SigningTlsIT {
  static KubernetesClient client;
  private static final String HOME = "wasabi-operator";
  private static final String CA = SigningConfig.DEFAULT_NAME + "-ca";

  @Test
  void certificatesRenewWhileServingAndACaRotationKeepsEveryBundleWorkingThroughTheOverlap() throws Exception {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(HOME).endMetadata().build()).create();
    SigningConfig signing = SigningConfig.fromEnvironment(Map.of(SigningConfig.PORT, "0", SigningConfig.NAMESPACE,
        HOME, SigningConfig.EXTRA_NAMES, "localhost", SigningConfig.CA_LIFETIME, "12s",
        SigningConfig.CERT_LIFETIME, "3s", SigningConfig.DRAIN, "0s"));
    try (OperatorUnderTest operator = new OperatorUnderTest(client, LocalTenancy.operatorConfig(Map.of()), signing,
        Clock.systemUTC())) {
      await("ready").atMost(Duration.ofSeconds(20)).until(operator::ready);
      List<X509Certificate> first = bundle();
      assertThat(first).hasSize(1);
      HttpClient oldBundle = client(first);

      // Renewed while serving: new connections see new certificates from the same CA.
      Set<BigInteger> serials = new HashSet<>();
      await("a renewed certificate").atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(250))
          .until(() -> serials.add(leaf(oldBundle, operator.signingPort()).getSerialNumber()) && serials.size() > 1);

      // At two thirds of the CA's life a second CA is published beside the first; leaves still come from the first.
      await("a second CA").atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(100))
          .until(() -> bundle().size() == 2);
      List<X509Certificate> both = bundle();
      HttpClient newBundle = client(both);
      assertThat(leaf(oldBundle, operator.signingPort()).getIssuerX500Principal())
          .isEqualTo(first.get(0).getSubjectX500Principal());
      assertThat(leaf(newBundle, operator.signingPort()).getIssuerX500Principal())
          .isEqualTo(first.get(0).getSubjectX500Principal());

      // Once the new CA has been published for a certificate's life, leaves come from it: the new bundle connects.
      X509Certificate second = both.get(1);
      await("leaves from the new CA").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
          .until(() -> leaf(newBundle, operator.signingPort()).getIssuerX500Principal()
              .equals(second.getSubjectX500Principal()));
      assertThatThrownBy(() -> leaf(oldBundle, operator.signingPort())).isInstanceOf(SSLHandshakeException.class);
      await("the old CA dropped").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
          .until(() -> bundle().size() == 1 && bundle().get(0).equals(second));
    }
  }

  /** With a mounted TLS Secret (cert-manager's), the operator serves its certificate and keeps no CA of its own. */
  @Test
  void aMountedCertificateIsServedAndNoCaIsMade(@org.junit.jupiter.api.io.TempDir java.nio.file.Path mount)
      throws Exception {
    CertificateMinter.Minted issuer = CertificateMinter.authority("cluster issuer", java.time.Instant.now()
        .minusSeconds(60), java.time.Instant.now().plus(Duration.ofDays(1)));
    CertificateMinter.Minted leaf = CertificateMinter.serving(issuer, List.of("localhost"),
        java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plus(Duration.ofHours(1)));
    java.nio.file.Files.writeString(mount.resolve("tls.crt"), Pem.certificates(List.of(leaf.certificate(),
        issuer.certificate())));
    java.nio.file.Files.writeString(mount.resolve("tls.key"), Pem.privateKeys(List.of(leaf.keys().getPrivate())));
    String home = "mounted-home";
    client.resource(new NamespaceBuilder().withNewMetadata().withName(home).endMetadata().build()).create();
    SigningConfig signing = SigningConfig.fromEnvironment(Map.of(SigningConfig.PORT, "0", SigningConfig.NAMESPACE,
        home, SigningConfig.TLS_DIR, mount.toString(), SigningConfig.DRAIN, "0s"));
    try (OperatorUnderTest operator = new OperatorUnderTest(client, LocalTenancy.operatorConfig(Map.of()), signing,
        Clock.systemUTC())) {
      await("ready").atMost(Duration.ofSeconds(20)).until(operator::ready);
      assertThat(leaf(client(List.of(issuer.certificate())), operator.signingPort()).getSerialNumber())
          .isEqualTo(leaf.certificate().getSerialNumber());
      assertThat(client.secrets().inNamespace(home).list().getItems()).as("no CA Secret").isEmpty();
      assertThat(client.configMaps().inNamespace(home).list().getItems()).as("no CA ConfigMap").isEmpty();
    }
  }

  private static List<X509Certificate> bundle() throws Exception {
    return Pem.readCertificates(SigningClient.published(client, HOME, CA).orElseThrow());
  }

  private static HttpClient client(List<X509Certificate> trusted) throws Exception {
    // A new client per look: each handshake then sees the certificate served now, not a kept-alive connection's.
    return HttpClient.newBuilder().sslContext(TestTls.clientTrusting(trusted.toArray(X509Certificate[]::new)))
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The serving certificate of a fresh connection (the call itself is refused: it carries no token). */
  private static X509Certificate leaf(HttpClient trusting, int port) throws Exception {
    HttpClient fresh = HttpClient.newBuilder().sslContext(trusting.sslContext()).connectTimeout(Duration.ofSeconds(5))
        .build();
    HttpResponse<String> response = fresh.send(HttpRequest.newBuilder(SigningClient.uri("localhost", port, "ns",
        "store")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
  }
}
