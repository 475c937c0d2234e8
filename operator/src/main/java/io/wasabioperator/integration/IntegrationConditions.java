package io.wasabioperator.integration;

/** The condition types of a WasabiStorageIntegration. */
public final class IntegrationConditions {
  public static final String VALIDATED = "Validated";
  public static final String ACCESS_VERIFIED = "AccessVerified";
  public static final String READY = "Ready";

  private IntegrationConditions() {}
}
