package io.wasabioperator.api;

/** What the platform may do in the bucket. */
public enum AccessMode {
  /** The platform reads items and writes thumbnails and extracted video frames back. */
  ReadWrite,
  /** The platform only reads; thumbnails and frames are pre-extracted by the bucket owner. */
  ReadOnly
}
