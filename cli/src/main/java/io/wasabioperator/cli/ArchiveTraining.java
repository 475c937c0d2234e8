package io.wasabioperator.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.WasabiPlatformGrant;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.cli.output.Documents;
import java.util.List;

/**
 * In the one run that writes the class-data-sharing archive (the script sets {@value #PROPERTY}), loads what
 * commands commonly need once the command itself is done: a client for an HTTPS cluster, a request that fails to
 * connect, and the kinds the commands read, decoded and printed. The archive then serves every command, not only
 * the one a person happened to run first. Prints nothing, changes nothing, and any failure only makes the archive
 * smaller.
 */
final class ArchiveTraining {
  static final String PROPERTY = "kubectl-wasabi.train";
  /** Nothing listens on port 1: the request fails at once, after the client has set up TLS and HTTP. */
  private static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      clusters: [{name: training, cluster: {server: "https://127.0.0.1:1"}}]
      users: [{name: training, user: {token: training}}]
      contexts: [{name: training, context: {cluster: training, user: training, namespace: training}}]
      current-context: training
      """;
  private static final List<Class<? extends HasMetadata>> KINDS = List.of(WasabiStorageIntegration.class,
      SignedUrlRequest.class, WasabiPlatformGrant.class, Secret.class, Event.class, Lease.class, Deployment.class,
      CustomResourceDefinition.class);

  private ArchiveTraining() {}

  static void runIfAsked() {
    if (!Boolean.getBoolean(PROPERTY)) {
      return;
    }
    try {
      Config config = Config.fromKubeconfig(KUBECONFIG);
      config.setRequestRetryBackoffLimit(0);
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        KubernetesSerialization serialization = client.getKubernetesSerialization();
        for (Class<? extends HasMetadata> kind : KINDS) {
          HasMetadata decoded = serialization.unmarshal(
              serialization.asJson(kind.getDeclaredConstructor().newInstance()), kind);
          Documents.yaml(decoded);
        }
        try {
          client.resources(SignedUrlRequest.class).withName("training").get();
        } catch (KubernetesClientException expected) {
          // refused, as planned: the classes on the way are loaded
        }
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // training only: the archive holds less, and the command's result stands
    }
  }
}
