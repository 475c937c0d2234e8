package io.wasabioperator.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wasabioperator.secrets.Digests;
import io.wasabioperator.storage.StorageCredentials;

/**
 * The fingerprints that tell the operator something changed, in one place. None shows what it covers:
 * they end up in statuses and in Secrets that workloads mount.
 */
public final class Fingerprints {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fingerprints() {}

  /**
   * Tells key pairs apart for one integration: an HMAC-SHA256 keyed with the integration's uid, cut to
   * 64 bits. Keyed per integration, so that tenants sharing the platform identity cannot tell from
   * their statuses that they do, or when it rotates. Against a guess of the secret it protects nothing
   * by itself: the key pair's own entropy does that.
   */
  public static String keyPair(StorageCredentials credentials, String integrationUid) {
    return Digests.hmacSha256(String.valueOf(integrationUid), credentials.accessKeyId(),
        credentials.secretAccessKey()).substring(0, 16);
  }

  /** A request's spec: a new one means new URLs. */
  public static String spec(Object spec) {
    try {
      return Digests.sha256(JSON.writeValueAsString(spec));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a spec always serialises", e);
    }
  }

  /**
   * What URLs are signed for: where, how, and with which key pair. Only a new key pair, not any edit of
   * its Secret, means new URLs.
   */
  public static String signingTarget(IntegrationTarget target, String keyPairFingerprint) {
    return Digests.sha256(target.endpoint().toString(), target.region(), target.bucket(), target.mode().name(),
        Boolean.toString(target.pathStyle()), keyPairFingerprint);
  }
}
