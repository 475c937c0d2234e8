package io.wasabioperator.storage;

import java.time.Duration;

/** Told about every S3 API call, to measure latency without knowing how it is reported. */
@FunctionalInterface
public interface S3CallListener {
  S3CallListener NONE = (operation, duration, successful) -> { };

  void called(String operation, Duration duration, boolean successful);
}
