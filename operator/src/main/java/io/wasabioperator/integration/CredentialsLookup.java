package io.wasabioperator.integration;

import io.wasabioperator.secrets.Digests;
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
    /**
     * Tells key pairs apart for one integration, without showing the pair: an HMAC-SHA256 keyed with
     * the integration's uid, cut to 64 bits. Keyed per integration, so that tenants sharing the
     * platform identity cannot tell from their statuses that they do, or when it rotates. It protects
     * nothing by itself against a guess of the secret: a key pair's own entropy does that.
     */
    public String fingerprint(String integrationUid) {
      return Digests.hmacSha256(String.valueOf(integrationUid), credentials.accessKeyId(),
          credentials.secretAccessKey()).substring(0, 16);
    }
  }

  record Missing(IntegrationReason reason, String message) implements CredentialsLookup {}
}
