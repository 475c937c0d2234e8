package io.wasabioperator.install.chart;

import static io.wasabioperator.install.chart.ChartObjects.container;
import static io.wasabioperator.install.chart.ChartObjects.deployment;
import static io.wasabioperator.install.chart.ChartObjects.envNames;
import static io.wasabioperator.install.chart.ChartObjects.env;
import static io.wasabioperator.install.chart.ChartObjects.ofKind;
import static io.wasabioperator.install.chart.ChartObjects.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What users of cert-manager's and External Secrets' charts expect of a chart: that it works as a
 * subchart, leaves off what is turned off, states and honours the Kubernetes versions it needs, adds
 * shards up in its monitoring, and has the values they look for.
 */
class ChartUsersExpectTest {
  @TempDir
  Path work;

  /** Helm adds global to every subchart's values: a strict schema that does not declare it breaks the parent. */
  @Test
  void rendersAsADependencyOfAParentChartThatSetsGlobalValues() throws IOException {
    Path parent = Files.createDirectories(work.resolve("parent"));
    Files.writeString(parent.resolve("Chart.yaml"), "apiVersion: v2\nname: platform\nversion: 1.0.0\n");
    copy(Chart.DIR, parent.resolve("charts").resolve("wasabi-operator"));

    String rendered = Chart.renderText(parent, work, """
        global:
          imageRegistry: mirror.example.com
          environment: production
        wasabi-operator:
          platformCredentials: {secretName: platform-credentials}
        """, null);

    List<HasMetadata> objects = Chart.parse(rendered);
    assertThat(container(objects).getImage()).isEqualTo("mirror.example.com/wasabi-operator/wasabi-operator:"
        + appVersion());
    assertThat(env(container(objects), "WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET"))
        .isEqualTo("wasabi-operator/platform-credentials");
  }

  @ParameterizedTest
  @CsvSource({
      "'', ghcr.io/wasabi-operator/wasabi-operator",
      "'image: {registry: mirror.example.com}', mirror.example.com/wasabi-operator/wasabi-operator",
      "'image: {registry: mirror.example.com/ghcr/}', mirror.example.com/ghcr/wasabi-operator/wasabi-operator",
      "'image: {registry: localhost:5000, repository: localhost/wasabi-operator}', localhost:5000/wasabi-operator",
      "'image: {registry: mirror.example.com, repository: team/operator}', mirror.example.com/team/operator"})
  void anImageRegistryOverrideReplacesTheRepositorysRegistry(String values, String image) throws IOException {
    assertThat(container(Chart.render(work, values)).getImage()).isEqualTo(image + ":" + appVersion());
  }

  @Test
  void withMetricsOffTheOperatorStartsNoMetricsServerAndAnyHealthPortWorks() throws IOException {
    List<HasMetadata> objects = Chart.render(work, "healthPort: 8081\n");

    assertThat(envNames(container(objects))).doesNotContain("WASABI_OPERATOR_METRICS_PORT");
    assertThat(container(objects).getPorts()).extracting(port -> port.getName()).containsExactly("health", "signing");
    assertThat(env(container(objects), "WASABI_OPERATOR_HEALTH_PORT")).isEqualTo("8081");
    assertThatThrownBy(() -> Chart.renderText(work, "healthPort: 8081\nmetrics: {enabled: true}\n"))
        .hasMessageContaining("metrics.port must differ from healthPort");
  }

  @ParameterizedTest
  @CsvSource({"prometheusRule", "dashboard", "serviceMonitor"})
  void monitoringWithoutMetricsFailsWithAMessage(String part) {
    assertThatThrownBy(() -> Chart.renderText(work, "metrics: {" + part + ": {enabled: true}}\n"))
        .hasMessageContaining("metrics." + part + ".enabled=true needs metrics.enabled=true");
  }

  /** policy/v1 PodDisruptionBudgets are what the templates need of the cluster: 1.21. */
  @Test
  void rendersOnTheLowestKubernetesItStatesAndRefusesAnOlderOne() throws IOException {
    String lowest = Chart.renderText(Chart.DIR, work, "replicas: 2\n", "1.21.0");
    assertThat(only(Chart.parse(lowest), PodDisruptionBudget.class).getSpec().getUnhealthyPodEvictionPolicy())
        .as("not before 1.27").isNull();

    assertThatThrownBy(() -> Chart.renderText(Chart.DIR, work, "", "1.20.15"))
        .hasMessageContaining("kubeVersion");
    assertThat(Files.readString(Chart.DIR.resolve("Chart.yaml"))).contains("kubeVersion: \">=1.21.0-0\"");
  }

  @ParameterizedTest(name = "replicas {0}, enabled {1} -> rendered {2}")
  @CsvSource({"1, null, false", "2, null, true", "2, false, false", "1, true, true", "3, true, true"})
  void theDisruptionBudgetIsAutomaticAlwaysOrNever(int replicas, String enabled, boolean rendered)
      throws IOException {
    List<HasMetadata> objects = Chart.render(work, "replicas: " + replicas + "\npodDisruptionBudget: {enabled: "
        + enabled + "}\n");
    assertThat(ofKind(objects, PodDisruptionBudget.class)).hasSize(rendered ? 1 : 0);
  }

  @ParameterizedTest(name = "Kubernetes {0}: unhealthyPodEvictionPolicy {1}")
  @CsvSource(nullValues = "none", value = {"1.26.0, none", "1.27.0, AlwaysAllow", "1.33.0, AlwaysAllow"})
  void aCrashLoopingReplicaCannotBlockADrainWhereTheClusterHasThePolicy(String kubeVersion, String policy)
      throws IOException {
    PodDisruptionBudget budget = only(Chart.parse(Chart.renderText(Chart.DIR, work, "replicas: 2\n", kubeVersion)),
        PodDisruptionBudget.class);
    assertThat(budget.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo(policy);
  }

  @Test
  void withShardsTheMonitoringAddsTheShardsUp() throws IOException {
    String rendered = Chart.renderText(work, """
        shards: [{name: a, selector: "shard=a"}, {name: b, selector: "shard=b"}]
        metrics: {enabled: true, serviceMonitor: {enabled: true}, prometheusRule: {enabled: true}, dashboard: {enabled: true}}
        """);
    List<HasMetadata> objects = Chart.parse(rendered);
    GenericKubernetesResource monitor = ofKind(objects, GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals("ServiceMonitor")).findFirst().orElseThrow();
    assertThat(monitor.<List<String>>get("spec", "podTargetLabels")).containsExactly("storage.wasabi-operator.io/shard");

    // Only each shard's leader reports the counts: a sum adds the shards up, max would show one of them.
    String dashboard = ofKind(objects, ConfigMap.class).stream().flatMap(map -> map.getData().values().stream())
        .reduce("", String::concat);
    for (String counted : List.of("wasabi_operator_urls_renewal_overdue", "wasabi_operator_requests_not_ready",
        "wasabi_operator_integrations_not_ready")) {
      assertThat(rendered + dashboard).doesNotContain("max(" + counted);
      assertThat(rendered).contains("sum(" + counted + ")");
    }
    assertThat(dashboard).contains("sum(wasabi_operator_urls_renewal_overdue)");
  }

  @Test
  void theNotesNameEachShardsDeployment() throws IOException {
    Path values = Files.writeString(work.resolve("shards.yaml"), "shards: [{name: a, selector: \"shard=a\"}, "
        + "{name: b, selector: \"shard=b\"}]\n");
    // A client-only dry run of helm install renders the notes, which helm template leaves out.
    String notes = new Helm(Chart.DIR).install().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE).dryRun()
        .clientOnly().withKubeVersion(Chart.KUBE_VERSION).withValuesFile(values).call().getOutput();

    assertThat(notes).contains("rollout status deployment/wasabi-operator-a",
        "rollout status deployment/wasabi-operator-b").doesNotContain("deployment/wasabi-operator\n");
  }

  @Test
  void withoutTokenAutomountThePodMountsAProjectedTokenItself() throws IOException {
    List<HasMetadata> objects = Chart.render(work, """
        serviceAccount: {automountServiceAccountToken: false, labels: {team: platform}}
        """);

    ServiceAccount account = only(objects, ServiceAccount.class);
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    assertThat(account.getMetadata().getLabels()).containsEntry("team", "platform")
        .containsEntry("app.kubernetes.io/name", "wasabi-operator");
    PodSpec pod = deployment(objects).getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    Volume token = pod.getVolumes().stream().filter(v -> v.getName().equals("kube-api-access")).findFirst()
        .orElseThrow();
    assertThat(token.getProjected().getSources()).anySatisfy(source ->
        assertThat(source.getServiceAccountToken().getPath()).isEqualTo("token"));
    assertThat(container(objects).getVolumeMounts()).anySatisfy(mount -> {
      assertThat(mount.getName()).isEqualTo("kube-api-access");
      assertThat(mount.getMountPath()).isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount");
    });

    PodSpec automounted = deployment(Chart.render(work, "")).getSpec().getTemplate().getSpec();
    assertThat(automounted.getAutomountServiceAccountToken()).isNull();
    assertThat(automounted.getVolumes()).noneMatch(v -> v.getName().equals("kube-api-access"));
  }

  @Test
  void revisionHistoryLimitAndLeaderElectionTimingsReachTheDeployment() throws IOException {
    List<HasMetadata> objects = Chart.render(work, """
        revisionHistoryLimit: 3
        leaderElection: {leaseDuration: 60s, renewDeadline: 40s, retryPeriod: 5s}
        """);

    assertThat(deployment(objects).getSpec().getRevisionHistoryLimit()).isEqualTo(3);
    assertThat(env(container(objects), "WASABI_OPERATOR_LEADER_ELECTION_LEASE_DURATION")).isEqualTo("60s");
    assertThat(env(container(objects), "WASABI_OPERATOR_LEADER_ELECTION_RENEW_DEADLINE")).isEqualTo("40s");
    assertThat(env(container(objects), "WASABI_OPERATOR_LEADER_ELECTION_RETRY_PERIOD")).isEqualTo("5s");
    assertThat(deployment(Chart.render(work, "")).getSpec().getRevisionHistoryLimit()).isEqualTo(10);
  }

  @ParameterizedTest
  @CsvSource({"10s, 10s, 2s", "15s, 10s, 9s", "1m, 2m, 1s"})
  void leaderElectionTimingsThatCannotElectALeaderFailTheRendering(String lease, String renew, String retry) {
    assertThatThrownBy(() -> Chart.renderText(work, "leaderElection: {leaseDuration: " + lease
        + ", renewDeadline: " + renew + ", retryPeriod: " + retry + "}\n"))
        .hasMessageContaining("leaseDuration (" + lease + ") must exceed renewDeadline (" + renew + ")");
  }

  @Test
  void extraObjectsAreRenderedAsMapsAndAsTemplatedStrings() throws IOException {
    List<HasMetadata> objects = Chart.render(work, """
        extraObjects:
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: "{{ .Release.Name }}-notes"}
            data: {owner: platform-team}
          - |
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ include "wasabi-operator.fullname" . }}-more
        """);

    assertThat(ofKind(objects, ConfigMap.class)).extracting(map -> map.getMetadata().getName())
        .contains("wasabi-operator-notes", "wasabi-operator-more");
  }

  @Test
  void withoutRbacCreateTheChartRendersNoRbacForTheOperator() throws IOException {
    List<HasMetadata> objects = Chart.render(work, "rbac: {create: false}\n");

    assertThat(Stream.of(Role.class, RoleBinding.class, ClusterRoleBinding.class)
        .flatMap(kind -> ofKind(objects, kind).stream())).isEmpty();
    assertThat(ofKind(objects, ClusterRole.class)).as("only the aggregated roles for people")
        .extracting(role -> role.getMetadata().getName())
        .containsExactlyInAnyOrder("wasabi-operator-view", "wasabi-operator-edit");
    assertThat(ofKind(Chart.render(work, ""), ClusterRoleBinding.class)).isNotEmpty();
  }

  private static String appVersion() throws IOException {
    return Files.readAllLines(Chart.DIR.resolve("Chart.yaml")).stream().filter(line -> line.startsWith("appVersion:"))
        .findFirst().orElseThrow().replaceAll("appVersion: *\"?([^\"]*)\"?", "$1");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
