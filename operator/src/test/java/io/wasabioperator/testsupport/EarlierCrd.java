package io.wasabioperator.testsupport;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wasabioperator.apiserver.AdmittingStore;

/**
 * Objects that today's CRD refuses but a cluster may still hold: stored under an earlier CRD without the
 * rule, they survive the upgrade, and the operator's own validation must give them a reason.
 */
public final class EarlierCrd {
  private EarlierCrd() {}

  /**
   * Creates the resource as the API server stores it today or, where today's CRD refuses it (422), as an
   * earlier CRD would have stored it.
   *
   * @return whether today's CRD refused it
   */
  public static boolean create(KubernetesClient client, HasMetadata resource) {
    try {
      client.resource(resource).create();
      return false;
    } catch (KubernetesClientException refused) {
      if (refused.getCode() != 422) {
        throw refused;
      }
      try (KubernetesClient earlier = AdmittingStore.earlierCrdClient(client)) {
        earlier.resource(resource).create();
      }
      return true;
    }
  }
}
