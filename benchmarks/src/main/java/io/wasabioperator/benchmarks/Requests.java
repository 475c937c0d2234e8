package io.wasabioperator.benchmarks;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.IntegrationRef;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import java.util.List;

/** The resources the benchmarks create, and how they read their state back. */
final class Requests {
  private Requests() {}

  static SignedUrlRequest request(String name, String integration, String key) {
    SignedUrlRequest request = new SignedUrlRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(Storage.NAMESPACE).withName(name).build());
    SignedUrlRequestSpec spec = new SignedUrlRequestSpec();
    IntegrationRef ref = new IntegrationRef();
    ref.setName(integration);
    spec.setIntegrationRef(ref);
    spec.setKey(key);
    request.setSpec(spec);
    return request;
  }

  static List<SignedUrlRequest> all(KubernetesClient client) {
    return client.resources(SignedUrlRequest.class).inNamespace(Storage.NAMESPACE).list().getItems();
  }

  static boolean isReady(SignedUrlRequest request) {
    return request.getStatus() != null && isTrue(request.getStatus().getConditions());
  }

  static boolean isReady(KubernetesClient client, String integration) {
    WasabiStorageIntegration live = client.resources(WasabiStorageIntegration.class).inNamespace(Storage.NAMESPACE)
        .withName(integration).get();
    return live != null && live.getStatus() != null && isTrue(live.getStatus().getConditions());
  }

  private static boolean isTrue(List<Condition> conditions) {
    return conditions != null && conditions.stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }
}
