package io.wasabioperator.integration;

import io.wasabioperator.secrets.Digests;
import io.wasabioperator.storage.StorageCredentials;

/** The key pair an integration uses, or why there is none. */
public sealed interface CredentialsLookup {
  /**
   * @param source where the pair came from, for messages: "Secret ns/name"
   * @param own true when it is the integration's own credentialsSecretRef, not the platform identity
   * @param version the Secret's uid and resourceVersion: changes whenever the key pair may have
   * @param idKey the data key the access key id was read from
   * @param secretKey the data key the secret access key was read from
   */
  record Found(StorageCredentials credentials, String source, boolean own, String version, String idKey,
      String secretKey) implements CredentialsLookup {
    /** A truncated SHA-256 of the key pair: enough to tell pairs apart, too little to attack offline. */
    public String fingerprint() {
      return Digests.sha256(credentials.accessKeyId(), credentials.secretAccessKey()).substring(0, 16);
    }
  }

  record Missing(IntegrationReason reason, String message) implements CredentialsLookup {}
}
