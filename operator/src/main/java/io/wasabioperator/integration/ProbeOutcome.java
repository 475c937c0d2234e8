package io.wasabioperator.integration;

import io.wasabioperator.api.Permissions;

/**
 * What one probe proved: the AccessVerified condition's status, reason and message, and each permission.
 */
public record ProbeOutcome(String status, IntegrationReason reason, String message, Permissions permissions) {}
