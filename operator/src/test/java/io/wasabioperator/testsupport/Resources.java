package io.wasabioperator.testsupport;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.CredentialsSecretRef;
import io.wasabioperator.api.IntegrationRef;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.secrets.ManagedLabels;
import io.wasabioperator.secrets.SecretData;
import java.util.Map;

/** Builders for the objects tests create through the Kubernetes API. */
public final class Resources {
  private Resources() {}

  public static WasabiStorageIntegration integration(String namespace, String name, String bucket, AccessMode mode) {
    WasabiStorageIntegration integration = new WasabiStorageIntegration();
    integration.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    WasabiStorageIntegrationSpec spec = new WasabiStorageIntegrationSpec();
    spec.setBucket(bucket);
    spec.setRegion("us-east-1");
    spec.setMode(mode);
    integration.setSpec(spec);
    return integration;
  }

  /**
   * A credentials Secret as its owner marks it for the operator (an integration may use no other);
   * the platform identity's Secret needs no label.
   */
  public static Secret credentials(String namespace, String name, S3TestServer.Identity identity) {
    Secret secret = secret(namespace, name, Map.of("accessKeyId", identity.accessKeyId(),
        "secretAccessKey", identity.secretAccessKey()));
    secret.getMetadata().setLabels(new java.util.HashMap<>(Map.of(ManagedLabels.CREDENTIALS, "true")));
    return secret;
  }

  /** The same; the name says what a test relies on. */
  public static Secret labelledCredentials(String namespace, String name, S3TestServer.Identity identity) {
    return credentials(namespace, name, identity);
  }

  /** Values in a Secret marked as credentials. */
  public static Secret labelledSecret(String namespace, String name, Map<String, String> values) {
    Secret secret = secret(namespace, name, values);
    secret.getMetadata().setLabels(new java.util.HashMap<>(Map.of(ManagedLabels.CREDENTIALS, "true")));
    return secret;
  }

  public static CredentialsSecretRef credentialsRef(String secretName) {
    CredentialsSecretRef ref = new CredentialsSecretRef();
    ref.setName(secretName);
    return ref;
  }

  public static IntegrationRef integrationRef(String name) {
    IntegrationRef ref = new IntegrationRef();
    ref.setName(name);
    return ref;
  }

  /** A Secret's data, decoded. */
  public static Map<String, String> decoded(Secret secret) {
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    return data.keySet().stream()
        .collect(java.util.stream.Collectors.toMap(k -> k, k -> SecretData.read(secret, k).orElse("")));
  }

  public static Secret secret(String namespace, String name, Map<String, String> values) {
    return new SecretBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withData(SecretData.encode(values))
        .build();
  }
}
