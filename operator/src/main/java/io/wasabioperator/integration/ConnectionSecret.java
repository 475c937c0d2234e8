package io.wasabioperator.integration;

import io.fabric8.kubernetes.api.model.Secret;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.secrets.ManagedLabels;
import io.wasabioperator.secrets.OwnedFields;
import io.wasabioperator.secrets.Owners;
import io.wasabioperator.secrets.SecretData;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Secret workloads load with {@code envFrom}. It carries a key pair only when the integration
 * brought its own: the platform identity is shared by every tenant, and copying it into a tenant's
 * namespace would let that tenant reach every bucket that trusts the platform.
 */
public final class ConnectionSecret {
  private static final List<String> KEYS = List.of("AWS_REGION", "AWS_ENDPOINT_URL_S3", "WASABI_BUCKET",
      "WASABI_MODE", "WASABI_STORAGE_NAME", "WASABI_PREFIX", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

  private ConnectionSecret() {}

  public static String name(WasabiStorageIntegration integration) {
    return integration.getMetadata().getName() + "-connection";
  }

  /** The Secret to create. */
  public static Secret desired(WasabiStorageIntegration integration, IntegrationTarget target,
      CredentialsLookup.Found credentials) {
    return fields(integration, target, credentials).newSecret(integration.getMetadata().getNamespace(),
        name(integration), Owners.referenceTo(integration));
  }

  /** What the operator writes of the connection Secret; anything else on it stays. */
  public static OwnedFields fields(WasabiStorageIntegration integration, IntegrationTarget target,
      CredentialsLookup.Found credentials) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", target.region());
    env.put("AWS_ENDPOINT_URL_S3", target.endpoint().toString());
    env.put("WASABI_BUCKET", target.bucket());
    env.put("WASABI_MODE", target.mode().name());
    env.put("WASABI_STORAGE_NAME", target.storageName());
    target.writePrefix().ifPresent(prefix -> env.put("WASABI_PREFIX", prefix));
    if (credentials.own()) {
      env.put("AWS_ACCESS_KEY_ID", credentials.credentials().accessKeyId());
      env.put("AWS_SECRET_ACCESS_KEY", credentials.credentials().secretAccessKey());
    }
    Map<String, String> data = new HashMap<>(SecretData.encode(env));
    KEYS.forEach(key -> data.putIfAbsent(key, null));
    return new OwnedFields(
        Map.of(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR, ManagedLabels.INTEGRATION,
            ManagedLabels.nameValue(integration.getMetadata().getName())),
        Map.of(), data);
  }
}
