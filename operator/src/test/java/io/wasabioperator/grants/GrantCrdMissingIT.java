package io.wasabioperator.grants;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.TenancyConfig;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A first install applies the chart before anyone installed the grant CRD (or an old API server keeps
 * the previous CRDs): the operator starts, says what is missing, and the configured grants apply.
 */
@RecordedApiServer
class GrantCrdMissingIT {
  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void theOperatorStartsOnTheConfiguredGrantsAndSaysTheCrdIsMissing() throws Exception {
    server.expect().get().withPath("/apis/storage.wasabi-operator.io/v1alpha1/wasabiplatformgrants?resourceVersion=0")
        .andReturn(404, new StatusBuilder().withStatus("Failure").withReason("NotFound").withCode(404)
            .withMessage("the server could not find the requested resource").build())
        .always();
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger(PlatformGrants.class)).addAppender(log);
    try (S3TestServer s3 = new S3TestServer()) {
      s3.createBucket("solo-bucket");
      client.resource(Resources.credentials("wasabi-operator", "platform", S3TestServer.READ_WRITE)).create();
      OperatorConfig config = LocalTenancy.operatorConfig(Map.of(
          OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
          OperatorConfig.PLATFORM_CREDENTIALS_SECRET, "wasabi-operator/platform",
          TenancyConfig.PLATFORM_GRANTS,
          "[{\"namespaces\": [\"solo\"], \"buckets\": [\"solo-bucket\"], \"endpoints\": [\"127.0.0.1\"]}]"));
      try (OperatorUnderTest operator = new OperatorUnderTest(client, config)) {
        WasabiStorageIntegration integration = Resources.integration("solo", "store", "solo-bucket",
            AccessMode.ReadWrite);
        integration.getSpec().setEndpoint(s3.endpoint().toString());
        client.resource(integration).create();

        operator.awaitCondition("solo", "store", "Ready", "True", "Ready");
        assertThat(operator.integration("solo", "store").getStatus().getPlatformGrant())
            .isEqualTo("grant 1 of WASABI_OPERATOR_PLATFORM_GRANTS");
      }
    } finally {
      ((Logger) LoggerFactory.getLogger(PlatformGrants.class)).detachAppender(log);
    }
    assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(line -> assertThat(line).contains("WasabiPlatformGrant CRD is not installed",
            "1 grant(s) of WASABI_OPERATOR_PLATFORM_GRANTS apply"));
  }
}
