package io.wasabioperator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessConfigTest {
  @Test
  void theLeaseKeepsTheNameOfEarlierVersionsUnlessConfigured() {
    ProcessConfig defaults = ProcessConfig.fromEnvironment(Map.of("WASABI_OPERATOR_LEADER_ELECTION_NAMESPACE", "ops"));
    assertThat(defaults.leaseNamespace()).isEqualTo(Optional.of("ops"));
    assertThat(defaults.leaseName()).isEqualTo("wasabi-operator-leader");

    ProcessConfig second = ProcessConfig.fromEnvironment(Map.of("WASABI_OPERATOR_LEADER_ELECTION_NAMESPACE", "ops",
        "WASABI_OPERATOR_LEADER_ELECTION_LEASE_NAME", "wasabi-operator-shard-b"));
    assertThat(second.leaseName()).isEqualTo("wasabi-operator-shard-b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Leader", "leader_1", "-leader", "leader.", "a/b"})
  void refusesALeaseNameTheApiWouldRefuse(String name) {
    assertThatThrownBy(() -> ProcessConfig.fromEnvironment(Map.of("WASABI_OPERATOR_LEADER_ELECTION_LEASE_NAME", name)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("WASABI_OPERATOR_LEADER_ELECTION_LEASE_NAME: ");
  }

  @Test
  void noMetricsServerUnlessItsPortIsSet() {
    assertThat(ProcessConfig.fromEnvironment(Map.of()).metricsPort()).isEmpty();
    assertThat(ProcessConfig.fromEnvironment(Map.of("WASABI_OPERATOR_METRICS_PORT", " ")).metricsPort()).isEmpty();
    assertThat(ProcessConfig.fromEnvironment(Map.of("WASABI_OPERATOR_METRICS_PORT", "9090")).metricsPort())
        .contains(9090);
    // Metrics off, the health port may be any port, 8081 included.
    assertThat(ProcessConfig.fromEnvironment(Map.of("WASABI_OPERATOR_HEALTH_PORT", "8081")).healthPort())
        .isEqualTo(8081);
  }

  @Test
  void theHealthAndMetricsPortsCannotClash() {
    assertThatThrownBy(() -> ProcessConfig.fromEnvironment(Map.of("WASABI_OPERATOR_HEALTH_PORT", "8081",
        "WASABI_OPERATOR_METRICS_PORT", "8081")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("are both 8081");
  }

  @Test
  void leaderElectionTimingsDefaultToJavaOperatorSdksAndAreRead() {
    assertThat(ProcessConfig.fromEnvironment(Map.of()).leaseTimings()).isEqualTo(ProcessConfig.LeaseTimings.DEFAULT);
    ProcessConfig.LeaseTimings slow = ProcessConfig.fromEnvironment(Map.of(
        "WASABI_OPERATOR_LEADER_ELECTION_LEASE_DURATION", "60s",
        "WASABI_OPERATOR_LEADER_ELECTION_RENEW_DEADLINE", "40s",
        "WASABI_OPERATOR_LEADER_ELECTION_RETRY_PERIOD", "5s")).leaseTimings();
    assertThat(slow).isEqualTo(new ProcessConfig.LeaseTimings(java.time.Duration.ofSeconds(60),
        java.time.Duration.ofSeconds(40), java.time.Duration.ofSeconds(5)));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "10s, 10s, 2s, must be longer than WASABI_OPERATOR_LEADER_ELECTION_RENEW_DEADLINE",
      "15s, 2s,  2s, must be longer than 1.2 x WASABI_OPERATOR_LEADER_ELECTION_RETRY_PERIOD",
      "15s, 10s, soon, expected a positive duration",
      "0s,  10s, 2s, expected a positive duration"})
  void refusesTimingsThatCannotElectALeader(String lease, String renew, String retry, String message) {
    assertThatThrownBy(() -> ProcessConfig.fromEnvironment(Map.of(
        "WASABI_OPERATOR_LEADER_ELECTION_LEASE_DURATION", lease,
        "WASABI_OPERATOR_LEADER_ELECTION_RENEW_DEADLINE", renew,
        "WASABI_OPERATOR_LEADER_ELECTION_RETRY_PERIOD", retry)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(message);
  }
}
