package io.wasabioperator.config;

import java.time.Duration;

/** Capped exponential backoff: the first retry after {@code initial}, doubling up to {@code max}. */
public record RetryBackoff(Duration initial, Duration max) {
  public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5));
}
