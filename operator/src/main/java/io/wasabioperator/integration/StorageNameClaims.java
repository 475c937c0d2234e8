package io.wasabioperator.integration;

import io.wasabioperator.api.WasabiStorageIntegration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Storage names are unique per namespace: the oldest integration claiming a name keeps it. */
public final class StorageNameClaims {
  private static final Comparator<WasabiStorageIntegration> AGE = Comparator
      .comparing((WasabiStorageIntegration i) -> Objects.toString(i.getMetadata().getCreationTimestamp(), "~"))
      .thenComparing(i -> i.getMetadata().getName());

  private StorageNameClaims() {}

  /** The storage name an integration claims: spec.storageName, or the bucket name. */
  public static String claimedName(WasabiStorageIntegration integration) {
    if (integration.getSpec() == null) {
      return null;
    }
    String name = integration.getSpec().getStorageName();
    return name != null ? name : integration.getSpec().getBucket();
  }

  /** The older integration in the same namespace that holds {@code storageName}, if any. */
  public static Optional<WasabiStorageIntegration> holderOtherThan(WasabiStorageIntegration self, String storageName,
      Stream<WasabiStorageIntegration> sameNamespace) {
    return sameNamespace
        .filter(other -> !other.getMetadata().getName().equals(self.getMetadata().getName()))
        .filter(other -> storageName.equals(claimedName(other)))
        .filter(other -> AGE.compare(other, self) < 0)
        .min(AGE);
  }
}
