package io.wasabioperator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a status with optimistic locking and puts the written resource into java-operator-sdk's cache
 * at once (without that, the next reconcile may start from the previous status and, say, move a
 * condition's lastTransitionTime or miscount failed attempts).
 *
 * <p>The status is the operator's alone, so it is replaced whole, with a PUT of the status subresource
 * (which changes nothing else of the resource): fields that became empty go without being listed, as
 * a merge patch would need them to be.
 * On a conflict, java-operator-sdk waits for the fresh resource in its cache: if only its metadata or
 * spec moved on, the status goes onto it; if its status moved on (another replica wrote it during a
 * leader handover), the status computed here is stale and is not written, so revision, notAfter or
 * lastProbeTime never go back.
 */
public final class StatusWriter {
  private static final int ATTEMPTS = 3;
  private static final long CACHE_WAIT_MILLIS = 2_000;
  private static final long CACHE_POLL_MILLIS = 20;

  private StatusWriter() {}

  /**
   * @return the resource as written, for any later write in the same reconcile; empty when the status
   *     moved on meanwhile, and the caller must reconcile again from the fresh resource
   */
  public static <S, R extends CustomResource<?, S>> Optional<R> write(R resource, S status, Context<R> context) {
    S decidedOn = resource.getStatus();
    try {
      return Optional.of(PrimaryUpdateAndCacheUtils.updateAndCacheResource(resource, context, current -> {
        if (current != resource && !Objects.equals(current.getStatus(), decidedOn)) {
          throw new StatusMovedOn();
        }
        current.setStatus(status);
        return current;
      }, current -> put(current, context), ATTEMPTS, CACHE_WAIT_MILLIS, CACHE_POLL_MILLIS));
    } catch (StatusMovedOn e) {
      return Optional.empty();
    }
  }

  /**
   * A 422 is the API server refusing this status (a validation, an admission policy): no fresher
   * version will change that, so it is not waited out like a conflict but handed to the framework's
   * retry with its own message.
   */
  private static <R extends CustomResource<?, ?>> R put(R resource, Context<R> context) {
    try {
      return context.getClient().resource(resource).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 422) {
        throw new IllegalStateException("the API server refused the status of " + resource.getKind() + " "
            + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName() + ": " + e.getMessage());
      }
      throw e;
    }
  }

  private static final class StatusMovedOn extends RuntimeException {
    StatusMovedOn() {
      super(null, null, false, false);
    }
  }
}
