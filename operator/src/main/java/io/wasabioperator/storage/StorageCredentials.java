package io.wasabioperator.storage;

/** An S3 access key pair. {@link #toString()} shows neither part, so a stray log line cannot leak them. */
public record StorageCredentials(String accessKeyId, String secretAccessKey) {
  @Override
  public String toString() {
    return "StorageCredentials[<redacted>]";
  }
}
