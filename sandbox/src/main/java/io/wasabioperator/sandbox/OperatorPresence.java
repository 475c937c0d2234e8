package io.wasabioperator.sandbox;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.wasabioperator.config.ProcessConfig;
import java.util.List;
import java.util.Map;

/**
 * The operator as a cluster shows it, so that tools that look for it find it: its namespace, a
 * Deployment with the chart's labels and leader-election environment, and (held by the in-process
 * operator) the Lease it names.
 */
final class OperatorPresence {
  static final String NAMESPACE = "wasabi-operator";
  static final String NAME = "wasabi-operator";
  /** The identity in the Lease, as a pod name would be. */
  static final String IDENTITY = "wasabi-operator-sandbox";

  private OperatorPresence() {}

  static void namespaces(KubernetesClient client, List<String> names) {
    for (String name : names) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
          .withNewStatus().withPhase("Active").endStatus().build()).createOr(NonDeletingOperation::update);
    }
  }

  /** The Deployment a Helm install would create, with one ready replica (this process) and its environment. */
  static Deployment deployment(KubernetesClient client, Map<String, String> environment) {
    Map<String, String> selector = Map.of("app.kubernetes.io/name", NAME, "app.kubernetes.io/instance", NAME);
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName(NAME).withNamespace(NAMESPACE).withLabels(selector)
        .addToLabels("app.kubernetes.io/part-of", "wasabi-operator")
        .addToLabels("app.kubernetes.io/managed-by", "wasabi-sandbox").endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(selector).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(selector).endMetadata().withNewSpec()
        .addNewContainer().withName("operator").withImage("wasabi-operator:sandbox-in-process")
        .addNewEnv().withName(ProcessConfig.LEADER_ELECTION_NAMESPACE).withNewValueFrom().withNewFieldRef()
        .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName(ProcessConfig.LEADER_ELECTION_LEASE_NAME).withValue(ProcessConfig.DEFAULT_LEASE_NAME)
        .endEnv().addAllToEnv(environment.entrySet().stream()
            .map(variable -> new EnvVar(variable.getKey(), variable.getValue(), null)).toList()).endContainer().endSpec().endTemplate().endSpec().build();
    Deployment created = client.resource(deployment).createOr(NonDeletingOperation::update);
    created.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(1)
        .withReadyReplicas(1).withAvailableReplicas(1).withUpdatedReplicas(1)
        .withObservedGeneration(created.getMetadata().getGeneration()).build());
    return client.resource(created).updateStatus();
  }

  /**
   * Leader election on the Lease the Deployment names, in its namespace. Stopping the sandbox ends the
   * leadership: that must not exit the JVM (java-operator-sdk's default), which may run tests or a console.
   */
  static LeaderElectionConfiguration leaderElection() {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(ProcessConfig.DEFAULT_LEASE_NAME)
        .withLeaseNamespace(NAMESPACE).withIdentity(IDENTITY).withExitOnStopLeading(false).build();
  }
}
