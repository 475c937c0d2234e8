package io.wasabioperator.signing;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a call was refused as a whole: the HTTP status, the reason (as the resources name reasons), what to fix,
 * and, for a refusal that passes by itself, when to try again.
 */
public record CallRefusal(int status, String reason, String message, Optional<Duration> retryAfter) {
  public static CallRefusal of(int status, String reason, String message) {
    return new CallRefusal(status, reason, message, Optional.empty());
  }

  /** A 503 or 429: the caller may try again after {@code wait}. */
  public static CallRefusal retryAfter(int status, String reason, String message, Duration wait) {
    return new CallRefusal(status, reason, message, Optional.of(wait));
  }
}
