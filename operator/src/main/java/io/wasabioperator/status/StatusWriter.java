package io.wasabioperator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Writes a status and puts the written resource into java-operator-sdk's cache at once. Without
 * that, the next reconcile may start from the previous status and, for example, move a condition's
 * lastTransitionTime or miscount failed attempts.
 */
public final class StatusWriter {
  private static final int ATTEMPTS = 3;

  private StatusWriter() {}

  /**
   * Replaces the whole status (fields that became empty are removed), with optimistic locking, and
   * returns the resource as written: use it for any later write in the same reconcile. A conflict
   * means someone else changed the resource meanwhile: the status goes onto the fresh version read
   * from the API (any other API error goes to the framework's retry).
   */
  public static <S, R extends CustomResource<?, S>> R write(R resource, S status, Context<R> context) {
    R current = resource;
    for (int attempt = 1; ; attempt++) {
      current.setStatus(status);
      try {
        R written = context.getClient().resource(current).updateStatus();
        context.eventSourceRetriever().getControllerEventSource()
            .handleRecentResourceUpdate(ResourceID.fromResource(resource), written, resource);
        return written;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == ATTEMPTS) {
          throw e;
        }
        R fresh = context.getClient().resource(resource).get();
        if (fresh == null) {
          throw e;
        }
        current = fresh;
      }
    }
  }
}
