package io.wasabioperator.storage;

/** An S3 access key pair. {@link #toString()} never shows the secret, so a stray log line cannot leak it. */
public record StorageCredentials(String accessKeyId, String secretAccessKey) {
  @Override
  public String toString() {
    return "StorageCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
  }
}
