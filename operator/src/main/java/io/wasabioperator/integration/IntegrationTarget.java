package io.wasabioperator.integration;

import io.wasabioperator.api.AccessMode;
import io.wasabioperator.grants.GrantSubject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A validated integration with every default applied: what the operator probes, renders and publishes.
 *
 * @param accessPrefix the granted folder, normalised; empty for the whole bucket
 * @param writePrefix the write folder, from the bucket root; empty in ReadOnly mode
 * @param pathStyle true for an endpoint override, false for Wasabi's virtual-host endpoints
 * @param ownCredentials the integration's own key pair, or empty for the platform identity
 */
public record IntegrationTarget(
    String bucket,
    String region,
    AccessMode mode,
    URI endpoint,
    boolean pathStyle,
    String accessPrefix,
    Optional<String> writePrefix,
    boolean mirax,
    String storageName,
    String principalArn,
    Duration probeInterval,
    Optional<String> probeObjectKey,
    Optional<CredentialsSecretKeys> ownCredentials) {

  /**
   * What this target asks of the platform identity's grants, in a namespace with these labels: the
   * endpoint counts only when it overrides Wasabi's own.
   */
  public GrantSubject grantSubject(String namespace, Optional<Map<String, String>> namespaceLabels) {
    String host = IntegrationValidator.hostOf(endpoint);
    Optional<String> overridden = pathStyle && !WasabiRegions.isWasabiHost(host) ? Optional.of(host) : Optional.empty();
    return new GrantSubject(namespace, namespaceLabels, bucket, accessPrefix, mode, overridden);
  }

  /** {@code s3://<bucket>/<prefix>} in ReadWrite mode. */
  public Optional<String> writeLocation() {
    return writePrefix.map(prefix -> "s3://" + bucket + "/" + prefix);
  }
}
