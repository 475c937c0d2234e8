package io.wasabioperator.secrets;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;

/** Owner references: how the operator marks the Secrets it makes, and tells them from others'. */
public final class Owners {
  private Owners() {}

  /** A controller reference to {@code owner}, so the object is deleted with it. */
  public static OwnerReference referenceTo(HasMetadata owner) {
    return new OwnerReference(owner.getApiVersion(), true, true, owner.getKind(), owner.getMetadata().getName(),
        owner.getMetadata().getUid());
  }

  /** Whether {@code owned} belongs to {@code owner}, so the operator may change it. */
  public static boolean isOwnedBy(HasMetadata owned, HasMetadata owner) {
    String uid = owner.getMetadata().getUid();
    return uid != null && owned.getMetadata().getOwnerReferences() != null
        && owned.getMetadata().getOwnerReferences().stream().anyMatch(ref -> uid.equals(ref.getUid()));
  }
}
