package io.wasabioperator.integration;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.secrets.ManagedLabels;
import io.wasabioperator.secrets.Owners;
import io.wasabioperator.secrets.SecretData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Secret workloads load with {@code envFrom}. It carries a key pair only when the integration
 * brought its own: the platform identity is shared by every tenant, and copying it into a tenant's
 * namespace would let that tenant reach every bucket that trusts the platform.
 */
public final class ConnectionSecret {
  private ConnectionSecret() {}

  public static String name(WasabiStorageIntegration integration) {
    return integration.getMetadata().getName() + "-connection";
  }

  public static Secret desired(WasabiStorageIntegration integration, IntegrationTarget target, CredentialsLookup.Found credentials) {
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
    return new SecretBuilder()
        .withNewMetadata()
          .withName(name(integration))
          .withNamespace(integration.getMetadata().getNamespace())
          .addToLabels(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR)
          .addToLabels(ManagedLabels.INTEGRATION, integration.getMetadata().getName())
          .withOwnerReferences(Owners.referenceTo(integration))
        .endMetadata()
        .withType("Opaque")
        .withData(SecretData.encode(env))
        .build();
  }

  /** Whether the live Secret already says what the desired one says. */
  public static boolean matches(Secret live, Secret desired) {
    return desired.getData().equals(live.getData())
        && live.getMetadata().getLabels() != null
        && live.getMetadata().getLabels().entrySet().containsAll(desired.getMetadata().getLabels().entrySet());
  }
}
