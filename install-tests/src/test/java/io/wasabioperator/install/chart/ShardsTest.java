package io.wasabioperator.install.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One release, several shards: a Deployment each with its selector and Lease, sharing everything else. */
class ShardsTest {
  private static final String TWO_SHARDS = """
      replicas: 2
      shards:
        - {name: shard1, selector: "sharding.storage.wasabi-operator.io/key=shard1"}
        - {name: default, selector: "!sharding.storage.wasabi-operator.io/key"}
      """;

  @TempDir
  Path work;

  @Test
  void eachShardGetsItsDeploymentSelectorLeaseAndBudget() throws IOException {
    List<HasMetadata> objects = Chart.render(work, TWO_SHARDS);

    Map<String, Deployment> deployments = objects.stream().filter(Deployment.class::isInstance)
        .map(Deployment.class::cast).collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d));
    assertThat(deployments).containsOnlyKeys("wasabi-operator-shard1", "wasabi-operator-default");
    assertThat(env(deployments.get("wasabi-operator-shard1")))
        .containsEntry("WASABI_OPERATOR_WATCH_LABEL_SELECTOR", "sharding.storage.wasabi-operator.io/key=shard1")
        .containsEntry("WASABI_OPERATOR_LEADER_ELECTION_LEASE_NAME", "wasabi-operator-leader-shard1");
    assertThat(env(deployments.get("wasabi-operator-default")))
        .containsEntry("WASABI_OPERATOR_WATCH_LABEL_SELECTOR", "!sharding.storage.wasabi-operator.io/key")
        .containsEntry("WASABI_OPERATOR_LEADER_ELECTION_LEASE_NAME", "wasabi-operator-leader-default");
    // Selectors that do not overlap, so that neither Deployment adopts the other's pods.
    deployments.forEach((name, deployment) -> {
      String shard = name.substring("wasabi-operator-".length());
      assertThat(deployment.getSpec().getSelector().getMatchLabels())
          .containsEntry("storage.wasabi-operator.io/shard", shard);
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    });

    assertThat(objects).filteredOn(PodDisruptionBudget.class::isInstance).map(PodDisruptionBudget.class::cast)
        .extracting(b -> b.getSpec().getSelector().getMatchLabels().get("storage.wasabi-operator.io/shard"))
        .containsExactlyInAnyOrder("shard1", "default");
    Role leases = objects.stream().filter(Role.class::isInstance).map(Role.class::cast)
        .filter(r -> r.getMetadata().getName().endsWith("-leader-election")).findFirst().orElseThrow();
    assertThat(leases.getRules()).filteredOn(rule -> rule.getResourceNames() != null && !rule.getResourceNames().isEmpty())
        .allSatisfy(rule -> assertThat(rule.getResourceNames())
            .containsExactlyInAnyOrder("wasabi-operator-leader-shard1", "wasabi-operator-leader-default"));
  }

  /** A label value is a string, also where the shard's name looks like a number or a YAML boolean. */
  @Test
  void shardNamesThatLookLikeNumbersStayStrings() throws IOException {
    String rendered = Chart.renderText(work, "shards: [{name: \"1\", selector: a=1}, {name: \"no\", selector: a=2}]\n");
    assertThat(rendered).contains("storage.wasabi-operator.io/shard: \"1\"", "storage.wasabi-operator.io/shard: \"no\"")
        .doesNotContain("storage.wasabi-operator.io/shard: 1\n");
  }

  @Test
  void aShardNameTwiceIsRefused() {
    assertThatThrownBy(() -> Chart.renderText(work, """
        shards:
          - {name: one, selector: "a=b"}
          - {name: one, selector: "a=c"}
        """)).hasMessageContaining("the name one is used twice");
    assertThatThrownBy(() -> Chart.renderText(work, "shards: [{name: One, selector: a=b}]\n"))
        .hasMessageContaining("/shards");
    assertThatThrownBy(() -> Chart.renderText(work, "shards: [{name: one}]\n"))
        .hasMessageContaining("/shards");
  }

  private static Map<String, String> env(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }
}
