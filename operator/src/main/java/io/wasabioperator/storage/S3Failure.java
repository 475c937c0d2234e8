package io.wasabioperator.storage;

/**
 * A classified S3 failure. Carries no credential and no request signature: safe for status and logs.
 *
 * @param httpStatus 0 when no HTTP answer came
 * @param errorCode the S3 error code, or a short description of the transport failure
 * @param detail the service's message, bounded in length
 * @param regionHint the bucket's real region when the service told it
 */
public record S3Failure(S3FailureKind kind, int httpStatus, String errorCode, String detail, String regionHint) {}
