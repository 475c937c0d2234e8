package io.wasabioperator.rbac;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.wasabioperator.apiserver.auth.TokenIssuer;
import io.wasabioperator.testsupport.RecordedApiServer;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operator watching two team namespaces, recorded for the chart's render of that mode: a Role in
 * each of them, and read access to the platform identity's one Secret in the release namespace.
 */
@RecordedApiServer(chartValues = "{\"watchNamespaces\": [\"team-a\", \"team-b\"], "
    + "\"platformCredentials\": {\"secretName\": \"platform-credentials\"}}")
class WatchedNamespacesRbacScenarioIT {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static TokenIssuer issuer;

  @Test
  void aShortLifeWithAFailover() throws Exception {
    new RbacScenario(client, server, issuer, Set.copyOf(RbacScenario.teams())).run();
  }
}
