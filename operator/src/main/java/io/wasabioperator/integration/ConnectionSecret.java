package io.wasabioperator.integration;

import io.fabric8.kubernetes.api.model.Secret;
import io.wasabioperator.api.ApiGroup;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.secrets.ManagedLabels;
import io.wasabioperator.secrets.OwnedFields;
import io.wasabioperator.secrets.Owners;
import io.wasabioperator.secrets.SecretData;
import io.wasabioperator.secrets.SecretView;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Secret workloads load with {@code envFrom}. It carries a key pair only when the integration
 * brought its own, and only one that a probe verified: the platform identity is shared by every tenant,
 * and copying it into a tenant's namespace would let that tenant reach every bucket that trusts the
 * platform; an unverified pair may be a Secret's values that were never meant as credentials.
 */
public final class ConnectionSecret {
  static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  /** The credentials Secret the copied key pair came from, so that a pair is kept only for its own Secret. */
  static final String KEY_PAIR_FROM = ApiGroup.GROUP + "/key-pair-from";
  private static final List<String> KEYS = List.of("AWS_REGION", "AWS_ENDPOINT_URL_S3", "WASABI_BUCKET",
      "WASABI_MODE", "WASABI_STORAGE_NAME", "WASABI_PREFIX", ACCESS_KEY_ID, SECRET_ACCESS_KEY);

  /** What becomes of the key pair in the Secret. */
  enum KeyPair {
    /** The integration's own pair, verified by the last probe: copy it. */
    COPY,
    /**
     * Its own pair, not (yet) verified: leave what is there, a pair verified before from the same Secret
     * (a failed rotation, a storage outage), as it is.
     */
    KEEP,
    /** No pair of its own (the platform identity), or none usable any more: take it out. */
    REMOVE
  }

  /** What the informer keeps of a connection Secret: what {@code heldBy} and the key-pair decision need. */
  public static final SecretView VIEW = new SecretView(Set.of(ManagedLabels.MANAGED_BY, ManagedLabels.INTEGRATION),
      Set.of(KEY_PAIR_FROM), Set.copyOf(KEYS));

  private ConnectionSecret() {}

  /** What the connection Secret's name adds to the integration's. */
  static final String SUFFIX = "-connection";

  public static String name(WasabiStorageIntegration integration) {
    return integration.getMetadata().getName() + SUFFIX;
  }

  /** The Secret to create. */
  public static Secret desired(WasabiStorageIntegration integration, IntegrationTarget target,
      CredentialsLookup.Found credentials, KeyPair keyPair) {
    return fields(integration, target, credentials, keyPair).newSecret(integration.getMetadata().getNamespace(),
        name(integration), Owners.referenceTo(integration));
  }

  /** What the operator writes of the connection Secret; anything else on it stays. */
  public static OwnedFields fields(WasabiStorageIntegration integration, IntegrationTarget target,
      CredentialsLookup.Found credentials, KeyPair keyPair) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", target.region());
    env.put("AWS_ENDPOINT_URL_S3", target.endpoint().toString());
    env.put("WASABI_BUCKET", target.bucket());
    env.put("WASABI_MODE", target.mode().name());
    env.put("WASABI_STORAGE_NAME", target.storageName());
    target.writePrefix().ifPresent(prefix -> env.put("WASABI_PREFIX", prefix));
    if (keyPair == KeyPair.COPY) {
      env.put(ACCESS_KEY_ID, credentials.credentials().accessKeyId());
      env.put(SECRET_ACCESS_KEY, credentials.credentials().secretAccessKey());
    }
    Map<String, String> data = new HashMap<>(SecretData.encode(env));
    KEYS.stream().filter(key -> keyPair != KeyPair.KEEP || !isKeyPair(key)).forEach(key -> data.putIfAbsent(key, null));
    Map<String, String> annotations = new HashMap<>();
    if (keyPair != KeyPair.KEEP) {
      annotations.put(KEY_PAIR_FROM, keyPair == KeyPair.COPY
          ? target.ownCredentials().map(CredentialsSecretKeys::secretName).orElse(null) : null);
    }
    return new OwnedFields(labels(integration), annotations, data);
  }

  /**
   * What becomes of the key pair: copied once verified; kept while unverified only if it came from the
   * same credentials Secret (a pair from another one, before credentialsSecretRef changed, must not
   * outlive the switch); otherwise removed.
   *
   * @param existing the connection Secret as it is, if there is one
   */
  static KeyPair keyPair(IntegrationTarget target, CredentialsLookup.Found credentials, boolean verified,
      Optional<Secret> existing) {
    if (!credentials.own()) {
      return KeyPair.REMOVE;
    }
    if (verified) {
      return KeyPair.COPY;
    }
    String source = target.ownCredentials().orElseThrow().secretName();
    boolean sameSource = existing.map(secret -> secret.getMetadata().getAnnotations())
        .map(annotations -> source.equals(annotations.get(KEY_PAIR_FROM))).orElse(false);
    return sameSource ? KeyPair.KEEP : KeyPair.REMOVE;
  }

  /** Only the removal of the key pair, for when the spec or the credentials no longer hold. */
  static OwnedFields withoutKeyPair(WasabiStorageIntegration integration) {
    Map<String, String> data = new HashMap<>();
    data.put(ACCESS_KEY_ID, null);
    data.put(SECRET_ACCESS_KEY, null);
    Map<String, String> annotations = new HashMap<>();
    annotations.put(KEY_PAIR_FROM, null);
    return new OwnedFields(labels(integration), annotations, data);
  }

  private static boolean isKeyPair(String key) {
    return key.equals(ACCESS_KEY_ID) || key.equals(SECRET_ACCESS_KEY);
  }

  private static Map<String, String> labels(WasabiStorageIntegration integration) {
    return Map.of(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR, ManagedLabels.INTEGRATION,
        ManagedLabels.nameValue(integration.getMetadata().getName()));
  }
}
