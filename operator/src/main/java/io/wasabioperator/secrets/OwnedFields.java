package io.wasabioperator.secrets;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fields of a Secret that the operator owns: some labels, annotations and data keys, each with its
 * value, or null for a key of the operator's that must go. Everything else on the Secret (other
 * labels, annotations, data, finalizers, owner references) belongs to someone else and is never
 * written: a JSON merge patch of exactly these fields leaves it as it is.
 */
public record OwnedFields(Map<String, String> labels, Map<String, String> annotations, Map<String, String> data) {
  /** The bookkeeping annotation an earlier version of the operator put on its Secrets; it goes on the next write. */
  static final String FORMER_BOOKKEEPING = "javaoperatorsdk.io/previous";

  public OwnedFields {
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    Map<String, String> withCleanUp = new TreeMap<>(annotations);
    withCleanUp.put(FORMER_BOOKKEEPING, null);
    annotations = Collections.unmodifiableMap(withCleanUp);
    data = Collections.unmodifiableMap(new TreeMap<>(data));
  }

  /** Names the fields only: the data holds presigned URLs and key pairs. */
  @Override
  public String toString() {
    return "OwnedFields[labels=" + labels.keySet() + ", annotations=" + annotations.keySet() + ", data="
        + data.keySet() + "]";
  }

  /** A new Secret with these fields, owned by {@code owner}, for creating. */
  public Secret newSecret(String namespace, String name, OwnerReference owner) {
    return new SecretBuilder()
        .withMetadata(new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withLabels(present(labels))
            .withAnnotations(present(annotations).isEmpty() ? null : present(annotations))
            .withOwnerReferences(owner)
            .build())
        .withType("Opaque")
        .withData(present(data))
        .build();
  }

  /** Whether the live Secret (whole, or as the informer keeps it: see {@link SecretView}) holds these fields. */
  public boolean heldBy(Secret live) {
    return holds(live.getMetadata().getLabels(), labels) && holds(live.getMetadata().getAnnotations(), annotations)
        && holds(live.getData(), data);
  }

  /** The JSON merge patch body, with the resourceVersion the decision was made on as a precondition. */
  public Map<String, Object> mergePatch(String resourceVersion) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("resourceVersion", resourceVersion);
    metadata.put("labels", labels);
    metadata.put("annotations", annotations);
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("metadata", metadata);
    patch.put("data", data);
    return patch;
  }

  private static boolean holds(Map<String, String> live, Map<String, String> owned) {
    Map<String, String> actual = Optional.ofNullable(live).orElse(Map.of());
    return owned.entrySet().stream().allMatch(e -> SecretView.sameValue(actual.get(e.getKey()), e.getValue()));
  }

  private static Map<String, String> present(Map<String, String> values) {
    Map<String, String> present = new TreeMap<>();
    values.forEach((k, v) -> {
      if (v != null) {
        present.put(k, v);
      }
    });
    return present;
  }
}
