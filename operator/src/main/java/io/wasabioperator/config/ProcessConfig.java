package io.wasabioperator.config;

import java.util.Map;
import java.util.Optional;

/**
 * How the operator process runs in its pod, apart from what it reconciles: where the health endpoints
 * listen and whether it takes part in leader election.
 *
 * @param healthPort port of the /healthz and /readyz endpoints
 * @param leaseNamespace namespace of the leader-election Lease; empty means no leader election
 * @param identity this replica's name in the Lease (the pod name)
 */
public record ProcessConfig(int healthPort, Optional<String> leaseNamespace, String identity) {
  public static final String HEALTH_PORT = "WASABI_OPERATOR_HEALTH_PORT";
  public static final String LEADER_ELECTION_NAMESPACE = "WASABI_OPERATOR_LEADER_ELECTION_NAMESPACE";
  public static final String LEASE_NAME = "wasabi-operator-leader";

  public static ProcessConfig fromEnvironment(Map<String, String> env) {
    String port = env.getOrDefault(HEALTH_PORT, "8080").trim();
    int healthPort;
    try {
      healthPort = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(HEALTH_PORT + ": expected a port number");
    }
    if (healthPort < 0 || healthPort > 65535) {
      throw new InvalidConfigurationException(HEALTH_PORT + ": expected a port number from 0 to 65535");
    }
    String namespace = env.getOrDefault(LEADER_ELECTION_NAMESPACE, "").trim();
    return new ProcessConfig(healthPort, namespace.isEmpty() ? Optional.empty() : Optional.of(namespace),
        env.getOrDefault("HOSTNAME", "wasabi-operator"));
  }
}
