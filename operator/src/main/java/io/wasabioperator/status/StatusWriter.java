package io.wasabioperator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a status with optimistic locking and puts the written resource into java-operator-sdk's cache
 * at once (without that, the next reconcile may start from the previous status and, say, move a
 * condition's lastTransitionTime or miscount failed attempts).
 *
 * <p>The status is replaced whole with a PUT of the status subresource, which changes nothing but the
 * status: it is the operator's alone, and a merge patch could not remove the fields that became empty.
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
      }, current -> context.getClient().resource(current).updateStatus(), ATTEMPTS, CACHE_WAIT_MILLIS,
          CACHE_POLL_MILLIS));
    } catch (StatusMovedOn e) {
      return Optional.empty();
    }
  }

  private static final class StatusMovedOn extends RuntimeException {
    StatusMovedOn() {
      super(null, null, false, false);
    }
  }
}
