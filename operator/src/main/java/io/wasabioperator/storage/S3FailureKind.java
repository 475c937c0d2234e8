package io.wasabioperator.storage;

/** What an S3 error means for the caller, whatever the service called it. */
public enum S3FailureKind {
  ACCESS_DENIED,
  /** The key does not exist (and the caller may list the bucket, or S3 would have said 403). */
  NOT_FOUND,
  NO_SUCH_BUCKET,
  INVALID_CREDENTIALS,
  WRONG_REGION,
  /** No HTTP answer: connection refused or reset, DNS failure, timeout. */
  UNREACHABLE,
  /** The endpoint's TLS certificate chains to no CA the operator trusts. */
  UNTRUSTED_CERTIFICATE,
  /** The endpoint resolves only to addresses the operator does not connect to; no connection was made. */
  REFUSED_ADDRESS,
  OTHER
}
