package io.wasabioperator.faults;

import static io.wasabioperator.testsupport.Resources.credentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.wasabioperator.OperationsEndpointsIT;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kubernetes API faults on the operator's own writes: conflicts and server errors heal by themselves. */
@RecordedApiServer
class ApiFaultIT {
  static KubernetesClient client;
  static KubernetesMockServer server;

  @ParameterizedTest(name = "HTTP {0} twice on the status write")
  @ValueSource(ints = {409, 500})
  void statusWriteFaultsAreRetriedUntilTheStatusLands(int code) throws Exception {
    String ns = "api-" + code;
    try (S3TestServer s3 = new S3TestServer();
         OperatorUnderTest operator = new OperatorUnderTest(client, LocalTenancy.operatorConfig(Map.of(
             OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
             OperatorConfig.PLATFORM_CREDENTIALS_SECRET, ns + "/platform")))) {
      s3.createBucket("api-bucket");
      client.resource(credentials(ns, "platform", S3TestServer.READ_WRITE)).create();
      String statusPath = "/apis/storage.wasabi-operator.io/v1alpha1/namespaces/" + ns
          + "/wasabistorageintegrations/store/status";
      server.expect().put().withPath(statusPath)
          .andReturn(code, new StatusBuilder().withCode(code).withReason(code == 409 ? "Conflict" : "InternalError")
              .withMessage("injected").build())
          .times(2);

      WasabiStorageIntegration integration = Resources.integration(ns, "store", "api-bucket", AccessMode.ReadWrite);
      integration.getSpec().setEndpoint(s3.endpoint().toString());
      client.resource(integration).create();

      operator.awaitCondition(ns, "store", "Ready", "True", "Ready");
      // Both injected answers were consumed before the write that landed.
      int statusWrites = 0;
      for (var request = server.takeRequest(1, TimeUnit.SECONDS); request != null;
           request = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
        if (request.getMethod().equals("PUT") && request.getPath().equals(statusPath)) {
          statusWrites++;
        }
      }
      assertThat(statusWrites).isGreaterThanOrEqualTo(3);
      if (code == 409) {
        // A conflict fails the reconcile (the client retries a 500 by itself): a scrape with failed
        // reconciles in it, whose counter exists only once one failed, for the install tests' check of
        // what the chart's alerts query.
        String scrape = operator.metrics().scrape();
        assertThat(scrape).contains("operator_sdk_reconciliations_failed_total");
        Files.createDirectories(OperationsEndpointsIT.SCRAPE.getParent());
        Files.writeString(OperationsEndpointsIT.SCRAPE.resolveSibling("api-faults.txt"), scrape);
      }
    }
  }
}
