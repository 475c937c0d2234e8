package io.wasabioperator.signedurl;

/** The outcome of checking a SignedUrlRequest's spec before anything else is looked up. */
public sealed interface RequestValidation {
  record Valid(RequestPlan plan) implements RequestValidation {}

  record Invalid(SignedUrlReason reason, String message) implements RequestValidation {}
}
