package io.wasabioperator.config;

import java.util.Map;
import java.util.Optional;

/**
 * How the operator process runs in its pod, apart from what it reconciles: where the health endpoints
 * listen and whether it takes part in leader election.
 *
 * @param healthPort port of the /healthz and /readyz endpoints
 * @param metricsPort port of the Prometheus /metrics endpoint
 * @param leaseNamespace namespace of the leader-election Lease; empty means no leader election
 * @param leaseName name of the Lease: releases that share a namespace need different ones
 * @param identity this replica's name in the Lease (the pod name)
 */
public record ProcessConfig(int healthPort, int metricsPort, Optional<String> leaseNamespace, String leaseName,
    String identity) {
  public static final String HEALTH_PORT = "WASABI_OPERATOR_HEALTH_PORT";
  public static final String METRICS_PORT = "WASABI_OPERATOR_METRICS_PORT";
  public static final String LEADER_ELECTION_NAMESPACE = "WASABI_OPERATOR_LEADER_ELECTION_NAMESPACE";
  public static final String LEADER_ELECTION_LEASE_NAME = "WASABI_OPERATOR_LEADER_ELECTION_LEASE_NAME";
  /** Unchanged from earlier versions, so that a rolling upgrade never runs two leaders. */
  public static final String DEFAULT_LEASE_NAME = "wasabi-operator-leader";

  public static ProcessConfig fromEnvironment(Map<String, String> env) {
    String namespace = env.getOrDefault(LEADER_ELECTION_NAMESPACE, "").trim();
    return new ProcessConfig(port(env, HEALTH_PORT, "8080"), port(env, METRICS_PORT, "8081"),
        namespace.isEmpty() ? Optional.empty() : Optional.of(namespace), leaseName(env),
        env.getOrDefault("HOSTNAME", "wasabi-operator"));
  }

  private static String leaseName(Map<String, String> env) {
    String name = env.getOrDefault(LEADER_ELECTION_LEASE_NAME, "").trim();
    if (name.isEmpty()) {
      return DEFAULT_LEASE_NAME;
    }
    if (name.length() > 253 || !OperatorConfig.DNS_SUBDOMAIN.matcher(name).matches()) {
      throw new InvalidConfigurationException(LEADER_ELECTION_LEASE_NAME
          + ": expected a Lease name (lowercase letters, digits, '-' and '.', at most 253), for example "
          + DEFAULT_LEASE_NAME);
    }
    return name;
  }

  private static int port(Map<String, String> env, String variable, String fallback) {
    int port;
    try {
      port = Integer.parseInt(env.getOrDefault(variable, fallback).trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(variable + ": expected a port number");
    }
    if (port < 0 || port > 65535) {
      throw new InvalidConfigurationException(variable + ": expected a port number from 0 to 65535");
    }
    return port;
  }
}
