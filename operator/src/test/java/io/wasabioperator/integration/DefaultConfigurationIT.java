package io.wasabioperator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator as configured out of the box: no platform identity, no plain-HTTP endpoints. */
@RecordedApiServer
class DefaultConfigurationIT {
  static KubernetesClient client;
  private static OperatorUnderTest operator;

  @BeforeAll
  static void start() {
    operator = new OperatorUnderTest(client, OperatorConfig.fromEnvironment(Map.of()));
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void integrationWithoutCredentialsAndNoPlatformIdentityIsNoCredentials() {
    client.resource(Resources.integration("team", "bare", "bare-bucket", AccessMode.ReadOnly)).create();
    Condition condition = operator.awaitCondition("team", "bare", "Ready", "False", "NoCredentials");
    assertThat(condition.getMessage()).contains("spec.credentialsSecretRef")
        .contains(OperatorConfig.PLATFORM_CREDENTIALS_SECRET);
    assertThat(operator.integration("team", "bare").getStatus().getBucketPolicy())
        .as("the policy is shown even before credentials exist, so the owner can attach it")
        .contains("arn:aws:s3:::bare-bucket/*");
  }

  @Test
  void plainHttpEndpointIsRefusedUnlessAllowed() {
    WasabiStorageIntegration integration = Resources.integration("team", "http", "http-bucket", AccessMode.ReadOnly);
    integration.getSpec().setEndpoint("http://s3.internal.example:9000");
    client.resource(integration).create();
    Condition condition = operator.awaitCondition("team", "http", "Validated", "False", "InsecureEndpoint");
    assertThat(condition.getMessage()).contains(OperatorConfig.ALLOW_HTTP_ENDPOINTS + "=true");
    operator.awaitCondition("team", "http", "AccessVerified", "Unknown", "NotProbed");
  }
}
