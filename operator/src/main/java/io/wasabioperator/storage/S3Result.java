package io.wasabioperator.storage;

/** The outcome of one S3 call: a value, or a classified failure. */
public sealed interface S3Result<T> {
  record Ok<T>(T value) implements S3Result<T> {}

  record Failed<T>(S3Failure failure) implements S3Result<T> {}

  default boolean isOk() {
    return this instanceof Ok;
  }
}
