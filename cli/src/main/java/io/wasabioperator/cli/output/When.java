package io.wasabioperator.cli.output;

import java.time.Instant;

/**
 * A point in time as the status shows it: {@code at} as RFC 3339, {@code relative} to now.
 *
 * @param at the time, RFC 3339
 * @param relative "in 3h12m" or "5m ago"
 */
public record When(String at, String relative) {
  public static When of(Instant at, Instant now) {
    return new When(at.toString(), Ages.relative(at, now));
  }

  @Override
  public String toString() {
    return at + " (" + relative + ")";
  }
}
