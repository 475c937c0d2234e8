package io.wasabioperator.api;

/** The HTTP method a presigned URL is valid for. */
public enum HttpMethod {
  GET,
  PUT
}
