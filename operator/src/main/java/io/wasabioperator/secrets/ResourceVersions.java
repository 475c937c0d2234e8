package io.wasabioperator.secrets;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * Orders two versions of one object. Kubernetes documents resourceVersion as opaque, but every API
 * server gives integers that grow with each write; when either is not one, only equality is known,
 * and a different version counts as newer, which at worst costs one reconcile.
 */
final class ResourceVersions {
  private ResourceVersions() {}

  /** Negative when {@code a} is older than {@code b}, 0 when the same, positive when newer or unknown. */
  static int compare(HasMetadata a, HasMetadata b) {
    String x = a.getMetadata().getResourceVersion();
    String y = b.getMetadata().getResourceVersion();
    if (Objects.equals(x, y)) {
      return 0;
    }
    try {
      return Long.compare(Long.parseLong(x), Long.parseLong(y)) < 0 ? -1 : 1;
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
