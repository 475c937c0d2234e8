package io.wasabioperator.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Durations in their two largest units, such as 45s, 3m12s, 3h12m, 2d3h: finer than kubectl's ages (which say
 * 112m for 1h52m), because a status also says how far ahead the next renewal and the expiry lie.
 */
public final class Ages {
  private Ages() {}

  public static String of(Duration duration) {
    long seconds = Math.abs(duration.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    if (days > 0) {
      return days + "d" + (hours > 0 ? hours + "h" : "");
    }
    if (hours > 0) {
      return hours + "h" + (minutes > 0 ? minutes + "m" : "");
    }
    if (minutes > 0) {
      return minutes + "m" + (secs > 0 ? secs + "s" : "");
    }
    return secs + "s";
  }

  /** "in 3h12m" for a time ahead, "5m ago" for one past. */
  public static String relative(Instant when, Instant now) {
    return when.isAfter(now) ? "in " + of(Duration.between(now, when)) : of(Duration.between(when, now)) + " ago";
  }

  /** An RFC 3339 time as kubernetes writes it, when it is one. */
  public static Optional<Instant> parse(String rfc3339) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(rfc3339));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
