package io.wasabioperator.install.health;

/** An Argo CD health status: what a health.lua returns and what health_test.yaml expects. */
record HealthStatus(String status, String message) {}
