package io.wasabioperator.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasabioperator.testsupport.TestCertificates;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaBundleTest {
  @TempDir
  static Path directory;
  private static TestCertificates certificates;

  @BeforeAll
  static void certificates() throws Exception {
    certificates = TestCertificates.create(directory);
  }

  @Test
  void trustsWhatTheBundlesCaIssuedBesidesWhatTheJvmTrusts() throws Exception {
    X509Certificate[] server = {serverCertificate()};
    X509TrustManager jvm = x509(jvmFactory().getTrustManagers());
    assertThatThrownBy(() -> jvm.checkServerTrusted(server, "ECDHE_ECDSA"))
        .as("the test's CA is not the JVM's").isInstanceOf(CertificateException.class);

    CaBundle bundle = CaBundle.load(certificates.caPem());
    X509TrustManager trust = x509(bundle.trustManagers());

    assertThatCode(() -> trust.checkServerTrusted(server, "ECDHE_ECDSA")).doesNotThrowAnyException();
    assertThat(trust.getAcceptedIssuers()).contains(jvm.getAcceptedIssuers()).contains(bundle.certificates().get(0));
  }

  @Test
  void readsEveryCertificateOfTheFile() throws Exception {
    Path two = directory.resolve("two.pem");
    String ca = Files.readString(certificates.caPem());
    Files.writeString(two, "# the test's CA, twice\n" + ca + "\n" + ca);

    CaBundle bundle = CaBundle.load(two);

    assertThat(bundle.certificates()).hasSize(2);
    assertThat(bundle).hasToString("2 CA certificates from " + two);
  }

  private static X509Certificate serverCertificate() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificates.serverKeyStore())) {
      store.load(in, certificates.password().toCharArray());
    }
    return (X509Certificate) store.getCertificate("server");
  }

  private static TrustManagerFactory jvmFactory() throws Exception {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return factory;
  }

  private static X509TrustManager x509(TrustManager[] managers) {
    assertThat(managers).hasSize(1).hasOnlyElementsOfType(X509TrustManager.class);
    return (X509TrustManager) managers[0];
  }
}
