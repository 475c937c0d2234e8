package io.wasabioperator.signedurl;

/** The condition types of a SignedUrlRequest (cert-manager's). */
public final class SignedUrlConditions {
  public static final String READY = "Ready";
  public static final String ISSUING = "Issuing";

  private SignedUrlConditions() {}
}
