package io.wasabioperator.secrets;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.wasabioperator.api.ApiGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the operator keeps of a Secret its informers watch, never a value: of its data, the operator's own
 * keys with a digest of each value; of its labels and annotations, the keys the operator reads (an
 * annotation value longer than {@link #LONGEST_KEPT_VALUE} as its digest); of its owner references, those
 * of the operator's kinds; and the identity and version of the object. A tenant can label Secrets of its
 * own to be watched, each with 1 MiB of data and 256 KiB of annotations: kept whole, a few hundred of them
 * would fill the operator's memory, and every tenant's renewals would stop with it.
 *
 * @param labels the label keys kept
 * @param annotations the annotation keys kept
 * @param data the data keys whose values are kept as digests
 */
public record SecretView(Set<String> labels, Set<String> annotations, Set<String> data) {
  /** How a digest starts: ':' is not a base64 character, so no value of a Secret's data looks like one. */
  static final String DIGEST = "sha256:";
  /** Annotation values up to this many characters are kept as they are (timestamps, hashes, counts). */
  static final int LONGEST_KEPT_VALUE = 1024;

  public SecretView {
    labels = Set.copyOf(labels);
    // The operator's fields always remove an earlier version's bookkeeping annotation: it must be seen.
    annotations = Stream.concat(annotations.stream(), Stream.of(OwnedFields.FORMER_BOOKKEEPING))
        .collect(Collectors.toUnmodifiableSet());
    data = Set.copyOf(data);
  }

  /** The keys of every view. */
  public static SecretView union(SecretView... views) {
    return new SecretView(keys(views, SecretView::labels), keys(views, SecretView::annotations),
        keys(views, SecretView::data));
  }

  /** The digest of a value, or the value itself where it is already a digest; null stays null. */
  public static String digest(String value) {
    return value == null || value.startsWith(DIGEST) ? value : DIGEST + Digests.sha256(value);
  }

  /** Whether a kept value (the value, or its digest) stands for {@code value}. */
  public static boolean sameValue(String kept, String value) {
    return Objects.equals(kept, value) || kept != null && value != null && kept.equals(digest(value));
  }

  /** Reduces the Secret, in place, to what this view keeps; returns it. */
  public Secret reduce(Secret secret) {
    ObjectMeta full = secret.getMetadata();
    ObjectMeta kept = new ObjectMeta();
    kept.setName(full.getName());
    kept.setNamespace(full.getNamespace());
    kept.setUid(full.getUid());
    kept.setResourceVersion(full.getResourceVersion());
    kept.setCreationTimestamp(full.getCreationTimestamp());
    kept.setDeletionTimestamp(full.getDeletionTimestamp());
    kept.setLabels(only(full.getLabels(), labels, false));
    kept.setAnnotations(only(full.getAnnotations(), annotations, true));
    List<OwnerReference> owners = full.getOwnerReferences() == null ? List.of() : full.getOwnerReferences().stream()
        .filter(owner -> owner.getApiVersion() != null && owner.getApiVersion().startsWith(ApiGroup.GROUP + "/"))
        .toList();
    kept.setOwnerReferences(owners.isEmpty() ? null : owners);
    secret.setMetadata(kept);
    Map<String, String> digests = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, value) -> {
        if (data.contains(key) && value != null) {
          digests.put(key, digest(value));
        }
      });
    }
    secret.setData(digests.isEmpty() ? null : digests);
    secret.setStringData(null);
    if (secret.getType() != null && secret.getType().length() > LONGEST_KEPT_VALUE) {
      secret.setType(digest(secret.getType()));
    }
    secret.setAdditionalProperties(new LinkedHashMap<>());
    return secret;
  }

  private static Map<String, String> only(Map<String, String> values, Set<String> keys, boolean digestLong) {
    if (values == null) {
      return null;
    }
    Map<String, String> kept = new LinkedHashMap<>();
    values.forEach((key, value) -> {
      if (keys.contains(key)) {
        kept.put(key, digestLong && value != null && value.length() > LONGEST_KEPT_VALUE ? digest(value) : value);
      }
    });
    return kept.isEmpty() ? null : kept;
  }

  private static Set<String> keys(SecretView[] views, java.util.function.Function<SecretView, Set<String>> part) {
    return Stream.of(views).flatMap(view -> part.apply(view).stream()).collect(Collectors.toSet());
  }
}
