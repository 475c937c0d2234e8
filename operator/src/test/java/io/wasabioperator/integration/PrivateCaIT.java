package io.wasabioperator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import io.wasabioperator.testsupport.TestCertificates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An S3-compatible endpoint serving HTTPS with a certificate from a CA of the test's own, which the JVM
 * does not trust: each test runs an operator of its own, with and without the CA in
 * WASABI_OPERATOR_CA_BUNDLE, watching a namespace of its own.
 */
@RecordedApiServer
class PrivateCaIT {
  static KubernetesClient client;
  @TempDir
  static Path directory;
  private static final String BUCKET = "private-ca";
  private static TestCertificates certificates;
  private static S3TestServer s3;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(directory);
    s3 = S3TestServer.https(certificates);
    s3.createBucket(BUCKET);
    client.resource(Resources.credentials("wasabi-operator", "platform", S3TestServer.READ_WRITE)).create();
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @Test
  void theBundlesCaIsTrustedBesidesTheJvmsOwn() {
    try (OperatorUnderTest operator = operator("with-bundle",
        Map.of(OperatorConfig.CA_BUNDLE, certificates.caPem().toString()))) {
      integration("with-bundle");
      operator.awaitCondition("with-bundle", "probed", "Ready", "True", "Ready");
    }
  }

  @Test
  void withoutTheBundleTheCertificateIsNotTrusted() {
    try (OperatorUnderTest operator = operator("without-bundle", Map.of())) {
      integration("without-bundle");
      Condition untrusted = operator.awaitCondition("without-bundle", "probed", "AccessVerified", "False",
          "EndpointUnreachable");
      assertThat(untrusted.getMessage()).contains("certificate not trusted").contains("WASABI_OPERATOR_CA_BUNDLE");
    }
  }

  private static OperatorUnderTest operator(String namespace, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.put(OperatorConfig.WATCH_NAMESPACES, namespace);
    env.put(OperatorConfig.PLATFORM_CREDENTIALS_SECRET, "wasabi-operator/platform");
    return new OperatorUnderTest(client, LocalTenancy.operatorConfig(env));
  }

  private static void integration(String namespace) {
    WasabiStorageIntegration integration = Resources.integration(namespace, "probed", BUCKET, AccessMode.ReadWrite);
    integration.getSpec().setEndpoint(s3.endpoint().toString());
    integration.getSpec().setStorageName("probed");
    client.resource(integration).create();
  }
}
