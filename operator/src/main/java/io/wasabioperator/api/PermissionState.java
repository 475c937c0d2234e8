package io.wasabioperator.api;

/** What the last probe learned about one S3 permission. */
public enum PermissionState {
  Verified,
  Denied,
  Unverified,
  NotRequired
}
