package io.wasabioperator.signedurl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.wasabioperator.api.ApiGroup;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.secrets.Digests;
import io.wasabioperator.secrets.ManagedLabels;
import io.wasabioperator.secrets.OwnedFields;
import io.wasabioperator.secrets.Owners;
import io.wasabioperator.secrets.SecretData;
import io.wasabioperator.secrets.SecretView;
import io.wasabioperator.status.Conditions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Secret that holds a request's URLs: {@code url}, {@code expiresAt} and, for a MIRAX slide,
 * {@code urls.json}. Its annotations record what was issued, so the Secret alone tells what it holds.
 */
public final class UrlSecret {
  public static final String URL = "url";
  public static final String EXPIRES_AT = "expiresAt";
  public static final String URLS_JSON = "urls.json";
  public static final String REQUEST_LABEL = ApiGroup.GROUP + "/signed-url-request";
  /** A Secret holds at most 1 MiB; leave room for metadata. */
  static final int MAX_DATA_BYTES = 1024 * 1024 - 16 * 1024;

  static final String REVISION = ApiGroup.GROUP + "/revision";
  static final String NOT_BEFORE = ApiGroup.GROUP + "/not-before";
  static final String NOT_AFTER = ApiGroup.GROUP + "/not-after";
  static final String OBJECT_COUNT = ApiGroup.GROUP + "/object-count";
  static final String SPEC_HASH = ApiGroup.GROUP + "/spec-hash";
  static final String INTEGRATION_HASH = ApiGroup.GROUP + "/integration-hash";
  static final String RENEW_REQUEST = ApiGroup.GROUP + "/handled-renew-request";
  static final String CONTENT_HASH = ApiGroup.GROUP + "/content-hash";

  private static final List<String> RECORD =
      List.of(REVISION, NOT_BEFORE, NOT_AFTER, OBJECT_COUNT, SPEC_HASH, INTEGRATION_HASH, RENEW_REQUEST);
  private static final List<String> OWN_DATA = List.of(URL, EXPIRES_AT, URLS_JSON);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the informer keeps of a request's Secret: what {@link #read} and the renewal decision need. */
  public static final SecretView VIEW = new SecretView(Set.of(ManagedLabels.MANAGED_BY, REQUEST_LABEL),
      Set.of(REVISION, NOT_BEFORE, NOT_AFTER, OBJECT_COUNT, SPEC_HASH, INTEGRATION_HASH, RENEW_REQUEST, CONTENT_HASH),
      Set.copyOf(OWN_DATA));

  private UrlSecret() {}

  /** The Secret for freshly signed URLs, to create; {@code urls} maps each key to its URL, the requested key included. */
  public static Secret build(SignedUrlRequest request, RequestPlan plan, IssuedUrls issued, SortedMap<String, String> urls) {
    return fields(request, plan, issued, urls).newSecret(request.getMetadata().getNamespace(), plan.secretName(),
        Owners.referenceTo(request));
  }

  /** What the operator writes of a request's Secret for freshly signed URLs; anything else on it stays. */
  public static OwnedFields fields(SignedUrlRequest request, RequestPlan plan, IssuedUrls issued,
      SortedMap<String, String> urls) {
    Map<String, String> plain = new LinkedHashMap<>();
    plain.put(URL, urls.get(plan.key()));
    plain.put(EXPIRES_AT, Conditions.timestamp(issued.notAfter()));
    if (plan.miraxSlide()) {
      plain.put(URLS_JSON, toJson(urls));
    }
    Map<String, String> data = new HashMap<>(SecretData.encode(plain));
    OWN_DATA.forEach(key -> data.putIfAbsent(key, null));

    Map<String, String> labels = new HashMap<>(plan.secretLabels());
    labels.put(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR);
    labels.put(REQUEST_LABEL, ManagedLabels.nameValue(request.getMetadata().getName()));
    Map<String, String> annotations = new HashMap<>(plan.secretAnnotations());
    annotations.put(REVISION, Long.toString(issued.revision()));
    annotations.put(NOT_BEFORE, Conditions.timestamp(issued.notBefore()));
    annotations.put(NOT_AFTER, Conditions.timestamp(issued.notAfter()));
    annotations.put(OBJECT_COUNT, Integer.toString(issued.objectCount()));
    annotations.put(SPEC_HASH, issued.specHash());
    annotations.put(INTEGRATION_HASH, issued.integrationHash());
    annotations.put(RENEW_REQUEST, issued.renewRequest().orElse(null));
    annotations.put(CONTENT_HASH, contentHash(data, annotations));
    return new OwnedFields(labels, annotations, data);
  }

  /** The URLs taken out of the Secret, so no one uses a dead one. Its record of what was issued stays. */
  public static OwnedFields withdrawn(Secret secret) {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(CONTENT_HASH, contentHash(Map.of(), secret.getMetadata().getAnnotations()));
    Map<String, String> data = new HashMap<>();
    OWN_DATA.forEach(key -> data.put(key, null));
    return new OwnedFields(Map.of(), annotations, data);
  }

  /** Reads what an owned Secret holds; empty when it carries no record of an issuance. */
  public static Optional<IssuedUrls> read(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(REVISION)) {
      return Optional.empty();
    }
    try {
      Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
      boolean intact = data.get(URL) != null && contentHash(data, annotations).equals(annotations.get(CONTENT_HASH));
      return Optional.of(new IssuedUrls(
          Long.parseLong(annotations.get(REVISION)),
          Instant.parse(annotations.get(NOT_BEFORE)),
          Instant.parse(annotations.get(NOT_AFTER)),
          Integer.parseInt(annotations.getOrDefault(OBJECT_COUNT, "1")),
          annotations.getOrDefault(SPEC_HASH, ""),
          annotations.getOrDefault(INTEGRATION_HASH, ""),
          Optional.ofNullable(annotations.get(RENEW_REQUEST)),
          intact));
    } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
      // Someone edited the record: treat the Secret as holding nothing reliable, and issue anew.
      return Optional.empty();
    }
  }

  /** Bytes the data takes in the Secret, base64 included. */
  static int dataBytes(Secret secret) {
    return secret.getData().entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
  }

  /**
   * Covers the operator's data keys and the record of the issuance: editing either means the Secret no
   * longer holds what was issued. Keys that others add to the Secret are not covered.
   */
  private static String contentHash(Map<String, String> data, Map<String, String> annotations) {
    // Over digests of the values: the same whether the Secret is whole or as the informer keeps it.
    TreeMap<String, String> own = new TreeMap<>();
    for (String key : OWN_DATA) {
      if (data.get(key) != null) {
        own.put(key, SecretView.digest(data.get(key)));
      }
    }
    TreeMap<String, String> record = new TreeMap<>();
    for (String key : RECORD) {
      record.put(key, annotations == null ? null : SecretView.digest(annotations.get(key)));
    }
    return Digests.sha256(own.toString(), record.toString());
  }

  private static String toJson(SortedMap<String, String> urls) {
    try {
      return JSON.writeValueAsString(urls);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }
}
