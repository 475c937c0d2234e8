package io.wasabioperator.signing;

import io.wasabioperator.signedurl.SignedUrlReason;
import java.time.Instant;
import java.util.Optional;

/** One key of a call: its URL and the exact instant it stops working, or why this key alone was not signed. */
public record SignedKey(String key, Optional<String> url, Optional<Instant> expiresAt,
    Optional<SignedUrlReason> reason, Optional<String> message) {
  public static SignedKey signed(String key, String url, Instant expiresAt) {
    return new SignedKey(key, Optional.of(url), Optional.of(expiresAt), Optional.empty(), Optional.empty());
  }

  public static SignedKey refused(String key, SignedUrlReason reason, String message) {
    return new SignedKey(key, Optional.empty(), Optional.empty(), Optional.of(reason), Optional.of(message));
  }

  /** Never the URL: it is a bearer credential. */
  @Override
  public String toString() {
    return "SignedKey[" + (url.isPresent() ? "signed" : reason.orElseThrow()) + "]";
  }
}
