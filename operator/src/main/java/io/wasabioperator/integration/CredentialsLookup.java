package io.wasabioperator.integration;

import io.wasabioperator.storage.StorageCredentials;

/** The key pair an integration uses, or why there is none. */
public sealed interface CredentialsLookup {
  /**
   * @param source where the pair came from, for messages: "Secret ns/name"
   * @param own true when it is the integration's own credentialsSecretRef, not the platform identity
   * @param idKey the data key the access key id was read from
   * @param secretKey the data key the secret access key was read from
   */
  record Found(StorageCredentials credentials, String source, boolean own, String idKey, String secretKey)
      implements CredentialsLookup {
    /** See {@link Fingerprints#keyPair}. */
    public String fingerprint(String integrationUid) {
      return Fingerprints.keyPair(credentials, integrationUid);
    }
  }

  record Missing(IntegrationReason reason, String message) implements CredentialsLookup {}
}
