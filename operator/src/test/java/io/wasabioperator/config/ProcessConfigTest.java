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
}
