package io.wasabioperator.config;

import java.time.Duration;

/**
 * Bounds on S3 calls, so that a hung endpoint cannot hold a reconcile thread for long.
 *
 * @param connect TCP connect timeout
 * @param attempt one HTTP attempt, including reading the response
 * @param call one API call, all retries included
 */
public record S3Timeouts(Duration connect, Duration attempt, Duration call) {
  public static final S3Timeouts DEFAULT =
      new S3Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(25));
}
