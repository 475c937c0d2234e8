package io.wasabioperator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.wasabioperator.time.GoDuration;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the operator process runs in its pod, apart from what it reconciles: where the health and metrics
 * endpoints listen and how it takes part in leader election.
 *
 * @param healthPort port of the /healthz and /readyz endpoints
 * @param metricsPort port of the Prometheus /metrics endpoint; empty: no metrics server
 * @param leaseNamespace namespace of the leader-election Lease; empty means no leader election
 * @param leaseName name of the Lease: releases that share a namespace need different ones
 * @param identity this replica's name in the Lease (the pod name)
 * @param leaseTimings how long a Lease holds, how long its holder tries to renew it, how often replicas try
 */
public record ProcessConfig(int healthPort, Optional<Integer> metricsPort, Optional<String> leaseNamespace,
    String leaseName, String identity, LeaseTimings leaseTimings) {
  public static final String HEALTH_PORT = "WASABI_OPERATOR_HEALTH_PORT";
  public static final String METRICS_PORT = "WASABI_OPERATOR_METRICS_PORT";
  public static final String LEADER_ELECTION_NAMESPACE = "WASABI_OPERATOR_LEADER_ELECTION_NAMESPACE";
  public static final String LEADER_ELECTION_LEASE_NAME = "WASABI_OPERATOR_LEADER_ELECTION_LEASE_NAME";
  public static final String LEASE_DURATION = "WASABI_OPERATOR_LEADER_ELECTION_LEASE_DURATION";
  public static final String RENEW_DEADLINE = "WASABI_OPERATOR_LEADER_ELECTION_RENEW_DEADLINE";
  public static final String RETRY_PERIOD = "WASABI_OPERATOR_LEADER_ELECTION_RETRY_PERIOD";
  /** Unchanged from earlier versions, so that a rolling upgrade never runs two leaders. */
  public static final String DEFAULT_LEASE_NAME = "wasabi-operator-leader";
  /** client-go's and fabric8's factor: the renew deadline must outlast a retry period with its jitter. */
  private static final double RETRY_JITTER = 1.2;

  /**
   * The leader election's timing, as client-go names it: a Lease holds {@code leaseDuration} without
   * renewal; its holder stops leading after failing to renew for {@code renewDeadline}; replicas try
   * every {@code retryPeriod}.
   */
  public record LeaseTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public static final LeaseTimings DEFAULT = new LeaseTimings(LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE, LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE);
  }

  public static ProcessConfig fromEnvironment(Map<String, String> env) {
    String namespace = env.getOrDefault(LEADER_ELECTION_NAMESPACE, "").trim();
    int healthPort = port(env, HEALTH_PORT).orElse(8080);
    Optional<Integer> metricsPort = port(env, METRICS_PORT);
    if (metricsPort.isPresent() && metricsPort.get() == healthPort && healthPort != 0) {
      throw new InvalidConfigurationException(METRICS_PORT + " and " + HEALTH_PORT + " are both " + healthPort
          + ": give the metrics server a port of its own, or leave " + METRICS_PORT + " unset for none");
    }
    return new ProcessConfig(healthPort, metricsPort, namespace.isEmpty() ? Optional.empty() : Optional.of(namespace),
        leaseName(env), env.getOrDefault("HOSTNAME", "wasabi-operator"), leaseTimings(env));
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

  private static LeaseTimings leaseTimings(Map<String, String> env) {
    Duration lease = duration(env, LEASE_DURATION, LeaseTimings.DEFAULT.leaseDuration());
    Duration renew = duration(env, RENEW_DEADLINE, LeaseTimings.DEFAULT.renewDeadline());
    Duration retry = duration(env, RETRY_PERIOD, LeaseTimings.DEFAULT.retryPeriod());
    if (lease.compareTo(renew) <= 0) {
      throw new InvalidConfigurationException(LEASE_DURATION + " (" + GoDuration.format(lease) + ") must be longer than "
          + RENEW_DEADLINE + " (" + GoDuration.format(renew) + "): a leader must give up before its Lease runs out");
    }
    if (renew.toMillis() <= retry.toMillis() * RETRY_JITTER) {
      throw new InvalidConfigurationException(RENEW_DEADLINE + " (" + GoDuration.format(renew) + ") must be longer than "
          + RETRY_JITTER + " x " + RETRY_PERIOD + " (" + GoDuration.format(retry) + "): the leader must get to retry "
          + "a renewal before it gives up");
    }
    return new LeaseTimings(lease, renew, retry);
  }

  static Duration duration(Map<String, String> env, String variable, Duration fallback) {
    String text = env.getOrDefault(variable, "").trim();
    if (text.isEmpty()) {
      return fallback;
    }
    return GoDuration.parse(text).filter(value -> !value.isNegative() && !value.isZero())
        .orElseThrow(() -> new InvalidConfigurationException(variable + ": expected a positive duration such as 15s, "
            + "not '" + text + "'"));
  }

  /** A port from the environment; empty where the variable is unset or blank. */
  static Optional<Integer> port(Map<String, String> env, String variable) {
    String text = env.getOrDefault(variable, "").trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    int port;
    try {
      port = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(variable + ": expected a port number");
    }
    if (port < 0 || port > 65535) {
      throw new InvalidConfigurationException(variable + ": expected a port number from 0 to 65535");
    }
    return Optional.of(port);
  }
}
