package io.wasabioperator.integration;

/** Where in which Secret of the integration's namespace its own key pair lives, defaults applied. */
public record CredentialsSecretKeys(String secretName, String accessKeyIdKey, String secretAccessKeyKey) {}
