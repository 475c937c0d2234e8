package io.wasabioperator.integration;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.SecretLocation;
import io.wasabioperator.secrets.ManagedLabels;
import io.wasabioperator.secrets.SecretData;
import io.wasabioperator.storage.StorageCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an integration's key pair from its own Secret or from the platform identity: from the API
 * (credentials Secrets are never listed), then kept in a {@link CredentialsCache} until the informer
 * of labelled credentials Secrets reports a change, a probe reads it again, or it grows old.
 */
public final class CredentialsResolver {
  private static final String OPAQUE = "Opaque";
  private final KubernetesClient client;
  private final OperatorConfig config;
  private final CredentialsCache cache;

  public CredentialsResolver(KubernetesClient client, OperatorConfig config, CredentialsCache cache) {
    this.client = client;
    this.config = config;
    this.cache = cache;
  }

  /** The key pair, from the cache when it holds one. */
  public CredentialsLookup resolve(IntegrationTarget target, String namespace) {
    return resolve(target, namespace, false);
  }

  /** The key pair as the API has it now, for a probe: a rotation of an unlabelled platform Secret is noticed here. */
  public CredentialsLookup resolveFresh(IntegrationTarget target, String namespace) {
    return resolve(target, namespace, true);
  }

  private CredentialsLookup resolve(IntegrationTarget target, String namespace, boolean fresh) {
    if (target.ownCredentials().isPresent()) {
      CredentialsSecretKeys own = target.ownCredentials().get();
      return read(new SecretLocation(namespace, own.secretName()), own.accessKeyIdKey(), own.secretAccessKeyKey(),
          true, fresh);
    }
    Optional<SecretLocation> platform = config.platformCredentials();
    if (platform.isEmpty()) {
      return new CredentialsLookup.Missing(IntegrationReason.NoCredentials, "no credentials: set "
          + "spec.credentialsSecretRef to a Secret holding accessKeyId and secretAccessKey, or configure the "
          + "platform identity with " + OperatorConfig.PLATFORM_CREDENTIALS_SECRET);
    }
    return read(platform.get(), IntegrationValidator.DEFAULT_ACCESS_KEY_ID_KEY,
        IntegrationValidator.DEFAULT_SECRET_ACCESS_KEY_KEY, false, fresh);
  }

  private CredentialsLookup read(SecretLocation location, String idKey, String secretKey, boolean own, boolean fresh) {
    String key = location.toString();
    Optional<CredentialsLookup.Found> cached = fresh ? Optional.empty() : cache.get(key)
        .filter(found -> found.idKey().equals(idKey) && found.secretKey().equals(secretKey) && found.own() == own);
    if (cached.isPresent()) {
      return cached.get();
    }
    long stamp = cache.stamp(key);
    CredentialsLookup lookup = readFromApi(location, idKey, secretKey, own);
    if (lookup instanceof CredentialsLookup.Found found) {
      cache.put(key, stamp, found);
    } else {
      // Gone or emptied: requests must not go on signing with the pair read before.
      cache.invalidate(key);
    }
    return lookup;
  }

  private CredentialsLookup readFromApi(SecretLocation location, String idKey, String secretKey, boolean own) {
    String what = own ? "Secret " + location : "platform credentials Secret " + location;
    Secret secret = client.secrets().inNamespace(location.namespace()).withName(location.name()).get();
    if (secret == null) {
      return new CredentialsLookup.Missing(IntegrationReason.CredentialsSecretNotFound, what + " does not exist; "
          + (own ? "create it with keys " + idKey + " and " + secretKey + ", or fix spec.credentialsSecretRef.name"
              : "create it with keys " + idKey + " and " + secretKey));
    }
    if (own) {
      // Only a Secret its owner marked for the operator: otherwise a tenant could name any Secret it
      // cannot read (a database's password) and have its values copied or sent to an endpoint.
      Map<String, String> labels = secret.getMetadata().getLabels();
      if (labels == null || !"true".equals(labels.get(ManagedLabels.CREDENTIALS))) {
        return new CredentialsLookup.Missing(IntegrationReason.CredentialsSecretNotLabelled, what + " is not labelled "
            + ManagedLabels.CREDENTIALS + "=true; its owner adds the label to let the operator use it as credentials");
      }
      if (secret.getType() != null && !OPAQUE.equals(secret.getType())) {
        return new CredentialsLookup.Missing(IntegrationReason.CredentialsSecretWrongType, what + " is of type "
            + IntegrationValidator.printable(secret.getType()) + "; credentials Secrets are of type Opaque");
      }
    }
    Optional<String> id = SecretData.read(secret, idKey);
    Optional<String> key = SecretData.read(secret, secretKey);
    List<String> missing = new ArrayList<>();
    id.ifPresentOrElse(v -> { }, () -> missing.add(idKey));
    key.ifPresentOrElse(v -> { }, () -> missing.add(secretKey));
    if (!missing.isEmpty()) {
      return new CredentialsLookup.Missing(IntegrationReason.CredentialsSecretIncomplete, what
          + " has no value under " + String.join(" and ", missing) + "; add "
          + (missing.size() == 1 ? "it" : "them") + " to the Secret's data"
          + (own ? ", or point spec.credentialsSecretRef at the keys it uses" : ""));
    }
    return new CredentialsLookup.Found(new StorageCredentials(id.get().trim(), key.get().trim()), what, own, idKey,
        secretKey);
  }
}
