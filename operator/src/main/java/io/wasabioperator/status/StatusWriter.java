package io.wasabioperator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/**
 * Writes a status and puts the written resource into java-operator-sdk's cache at once. Without
 * that, the next reconcile may start from the previous status and, for example, move a condition's
 * lastTransitionTime or miscount failed attempts.
 */
public final class StatusWriter {
  private StatusWriter() {}

  /**
   * Replaces the whole status (fields that became empty are removed), with optimistic locking, and
   * returns the resource as written: use it for any later write in the same reconcile.
   */
  public static <S, R extends CustomResource<?, S>> R write(R resource, S status, Context<R> context) {
    return PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(resource, context, current -> {
      current.setStatus(status);
      return current;
    });
  }
}
