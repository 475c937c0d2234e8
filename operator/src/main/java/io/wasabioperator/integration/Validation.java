package io.wasabioperator.integration;

/** The outcome of checking a spec before any network call. */
public sealed interface Validation {
  record Valid(IntegrationTarget target) implements Validation {}

  record Invalid(IntegrationReason reason, String message) implements Validation {}
}
