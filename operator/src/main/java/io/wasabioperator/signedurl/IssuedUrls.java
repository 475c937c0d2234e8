package io.wasabioperator.signedurl;

import java.time.Instant;
import java.util.Optional;

/**
 * What the request's Secret holds, read from the Secret alone, so that a restarted operator needs
 * nothing it kept in memory.
 *
 * @param specHash fingerprint of the spec the URLs were signed for
 * @param integrationHash fingerprint of the integration's endpoint, bucket, mode and credentials
 * @param renewRequest the renew-requested-at value already acted on
 * @param intact false when the URL keys were removed (expired) or edited by someone else
 */
public record IssuedUrls(
    long revision,
    Instant notBefore,
    Instant notAfter,
    int objectCount,
    String specHash,
    String integrationHash,
    Optional<String> renewRequest,
    boolean intact) {

  public boolean isValidAt(Instant now) {
    return intact && now.isBefore(notAfter);
  }
}
