package io.wasabioperator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorConfigTest {
  @Test
  void defaults() {
    OperatorConfig config = OperatorConfig.fromEnvironment(Map.of());
    assertThat(config.watchNamespaces()).isEmpty();
    assertThat(config.platformCredentials()).isEmpty();
    assertThat(config.platformPrincipalArn()).isEqualTo("arn:aws:iam::100000274636:user/darwin");
    assertThat(config.allowHttpEndpoints()).isFalse();
    assertThat(config.probeInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.maxUrlDuration()).isEqualTo(Duration.ofHours(4));
    assertThat(config.tenancy().platformGrants()).as("nothing granted unless an administrator grants it").isEmpty();
    assertThat(config.tenancy().endpointAllowlist()).as("only Wasabi's endpoints").isEmpty();
    assertThat(config.tenancy().privateEndpointCidrs()).as("nothing inside the cluster or host").isEmpty();
    assertThat(config.caBundle()).as("the JVM's CAs only").isEmpty();
  }

  @Test
  void readsEveryVariable() {
    OperatorConfig config = OperatorConfig.fromEnvironment(Map.of(
        "WASABI_OPERATOR_WATCH_NAMESPACES", " team-a, team-b ,",
        "WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET", "wasabi-operator/platform-credentials",
        "WASABI_OPERATOR_PLATFORM_PRINCIPAL_ARN", "arn:aws:iam::123456789012:role/annotator",
        "WASABI_OPERATOR_ALLOW_HTTP_ENDPOINTS", "TRUE",
        "WASABI_OPERATOR_PROBE_INTERVAL", "1h30m",
        "WASABI_OPERATOR_MAX_URL_DURATION", "24h",
        "WASABI_OPERATOR_PLATFORM_GRANTS", """
            [{"namespaces": ["team-a"], "buckets": ["team-a-*"], "prefixes": ["cases/"], "modes": ["ReadOnly"]},
             {"namespaceSelector": {"matchLabels": {"tenant": "b"}}, "buckets": ["*"], "endpoints": ["*.example.com"]}]
            """,
        "WASABI_OPERATOR_ENDPOINT_ALLOWLIST", " s3.example.com, *.storage.example.org ",
        "WASABI_OPERATOR_PRIVATE_ENDPOINT_CIDRS", "10.20.0.0/16, fd00::/8"));
    assertThat(config.watchNamespaces()).isEqualTo(Set.of("team-a", "team-b"));
    assertThat(config.platformCredentials()).contains(new SecretLocation("wasabi-operator", "platform-credentials"));
    assertThat(config.platformPrincipalArn()).isEqualTo("arn:aws:iam::123456789012:role/annotator");
    assertThat(config.allowHttpEndpoints()).isTrue();
    assertThat(config.probeInterval()).isEqualTo(Duration.ofMinutes(90));
    assertThat(config.maxUrlDuration()).isEqualTo(Duration.ofHours(24));
    assertThat(config.tenancy().platformGrants()).hasSize(2);
    assertThat(config.tenancy().platformGrants().get(0).getPrefixes()).containsExactly("cases/");
    assertThat(config.tenancy().platformGrants().get(1).getNamespaceSelector().getMatchLabels())
        .containsEntry("tenant", "b");
    assertThat(config.tenancy().endpointAllowlist()).containsExactly("s3.example.com", "*.storage.example.org");
    assertThat(config.tenancy().privateEndpointCidrs()).extracting(Object::toString)
        .containsExactly("10.20.0.0/16", "fd00::/8");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "WASABI_OPERATOR_WATCH_NAMESPACES|Team_A",
      "WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET|just-a-name",
      "WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET|a/b/c",
      "WASABI_OPERATOR_PLATFORM_PRINCIPAL_ARN|*",
      "WASABI_OPERATOR_ALLOW_HTTP_ENDPOINTS|yes",
      "WASABI_OPERATOR_PROBE_INTERVAL|10",
      "WASABI_OPERATOR_PROBE_INTERVAL|10s",
      "WASABI_OPERATOR_MAX_URL_DURATION|169h",
      "WASABI_OPERATOR_MAX_URL_DURATION|30s",
      "WASABI_OPERATOR_PLATFORM_GRANTS|{\"namespaces\": [\"*\"], \"buckets\": [\"*\"]}",
      "WASABI_OPERATOR_PLATFORM_GRANTS|[{\"namespaces\": [\"*\"]}]",
      "WASABI_OPERATOR_PLATFORM_GRANTS|[{\"buckets\": [\"*\"]}]",
      "WASABI_OPERATOR_PLATFORM_GRANTS|[{\"namespaces\": [\"*\"], \"buckets\": [\"*\"], \"bucket\": \"typo\"}]",
      "WASABI_OPERATOR_PLATFORM_GRANTS|[{\"namespaces\": [\"*\"], \"buckets\": [\"*\"], \"prefixes\": [\"a/../b/\"]}]",
      "WASABI_OPERATOR_PLATFORM_GRANTS|[{\"namespaces\": [\"*\"], \"buckets\": [\"*\"], \"modes\": [\"Write\"]}]",
      "WASABI_OPERATOR_PLATFORM_GRANTS|[{\"namespaces\": [\"*\"], \"buckets\": [\"*\"], \"endpoints\": [\"https://x\"]}]",
      "WASABI_OPERATOR_ENDPOINT_ALLOWLIST|https://s3.example.com",
      "WASABI_OPERATOR_ENDPOINT_ALLOWLIST|s3.example.com:9000",
      "WASABI_OPERATOR_PLATFORM_GRANTS|[{\"namespaceSelector\": {\"matchLabels\": {\"a\": null}}, \"buckets\": [\"*\"]}]",
      "WASABI_OPERATOR_PLATFORM_GRANTS|[{\"namespaceSelector\": {\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"Near\"}]}, \"buckets\": [\"*\"]}]",
      "WASABI_OPERATOR_PLATFORM_GRANTS|[{\"namespaceSelector\": {\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"In\"}]}, \"buckets\": [\"*\"]}]",
      "WASABI_OPERATOR_PRIVATE_ENDPOINT_CIDRS|10.0.0.1/8",
      "WASABI_OPERATOR_WATCH_LABEL_SELECTOR|shard = (one",
      "WASABI_OPERATOR_WATCH_LABEL_SELECTOR|shard=one two",
      "WASABI_OPERATOR_WATCH_LABEL_SELECTOR|,",
      "WASABI_OPERATOR_PRIVATE_ENDPOINT_CIDRS|cluster-network"})
  void refusesInvalidValuesNamingTheVariable(String variable, String value) {
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of(variable, value)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith(variable + ": ")
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
  }

  @Test
  void readsTheCertificatesOfTheCaBundle(@TempDir Path directory) throws Exception {
    X509Certificate[] cas = Arrays.copyOf(jvmCas(), 2);
    Path bundle = directory.resolve("ca.pem");
    // As in the bundles distributions ship: text between the certificates.
    Files.writeString(bundle, Arrays.stream(cas).map(OperatorConfigTest::pem).collect(Collectors.joining("# next\n")));

    OperatorConfig config = OperatorConfig.fromEnvironment(Map.of("WASABI_OPERATOR_CA_BUNDLE", " " + bundle + " "));

    assertThat(config.caBundle()).hasValueSatisfying(ca -> {
      assertThat(ca.source()).isEqualTo(bundle);
      assertThat(ca.certificates()).containsExactly(cas);
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "missing.pem|does not exist",
      "empty.pem|holds no certificate",
      "not-pem.pem|is not a PEM file of certificates",
      "key.pem|is not a PEM file of certificates",
      "directory|cannot read"})
  void refusesACaBundleWithoutCertificates(String file, String problem, @TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("empty.pem"), "");
    Files.writeString(directory.resolve("not-pem.pem"), "not a certificate\n");
    Files.writeString(directory.resolve("key.pem"),
        "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n");
    Files.createDirectory(directory.resolve("directory"));

    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("WASABI_OPERATOR_CA_BUNDLE",
        directory.resolve(file).toString())))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("WASABI_OPERATOR_CA_BUNDLE: ")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
  }

  private static X509Certificate[] jvmCas() throws Exception {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return ((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers();
  }

  private static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sharding.storage.wasabi-operator.io/key=shard1",
      "!sharding.storage.wasabi-operator.io/key",
      "tier in (gold, silver),team!=b",
      "shard notin (one,two), critical"})
  void readsALabelSelectorAsKubectlTakesIt(String selector) {
    assertThat(OperatorConfig.fromEnvironment(Map.of(OperatorConfig.WATCH_LABEL_SELECTOR, selector))
        .watchLabelSelector()).contains(selector);
  }
}
