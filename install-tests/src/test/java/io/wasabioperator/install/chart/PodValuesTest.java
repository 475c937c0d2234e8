package io.wasabioperator.install.chart;

import static io.wasabioperator.install.chart.ChartObjects.container;
import static io.wasabioperator.install.chart.ChartObjects.deployment;
import static io.wasabioperator.install.chart.ChartObjects.env;
import static io.wasabioperator.install.chart.ChartObjects.envVar;
import static io.wasabioperator.install.chart.ChartObjects.ofKind;
import static io.wasabioperator.install.chart.ChartObjects.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The values that shape the operator's pod in production: disruption budget, scheduling, environment, security, probes. */
class PodValuesTest {
  private static final Map<String, String> SELECTOR = Map.of(
      "app.kubernetes.io/name", "wasabi-operator", "app.kubernetes.io/instance", Chart.RELEASE);

  @TempDir
  Path work;

  @Test
  void oneReplicaHasNoDisruptionBudgetUnlessAskedFor() throws IOException {
    assertThat(ofKind(Chart.render(work, ""), PodDisruptionBudget.class)).isEmpty();

    PodDisruptionBudget budget = only(Chart.render(work, "podDisruptionBudget: {enabled: true}\n"),
        PodDisruptionBudget.class);
    assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
  }

  /** With several replicas a drain must leave one running, so the budget comes without asking. */
  @Test
  void severalReplicasGetADisruptionBudgetForTheirPods() throws IOException {
    List<HasMetadata> objects = Chart.render(work, "replicas: 2\n");

    PodDisruptionBudget budget = only(objects, PodDisruptionBudget.class);
    assertThat(budget.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
    assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    assertThat(budget.getSpec().getMinAvailable()).isNull();
    assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(SELECTOR)
        .isEqualTo(deployment(objects).getSpec().getSelector().getMatchLabels());
  }

  /** Exactly one of the two reaches the budget, as a number or a percentage; 0 is a number, not "unset". */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "minAvailable: 1|1|",
      "minAvailable: 50%|50%|",
      "maxUnavailable: 0||0",
      "maxUnavailable: 34%||34%",
      "minAvailable: null, maxUnavailable: 2||2"})
  void eitherMinAvailableOrMaxUnavailable(String budgetValues, String minAvailable, String maxUnavailable)
      throws IOException {
    PodDisruptionBudget budget = only(Chart.render(work, "replicas: 3\npodDisruptionBudget: {" + budgetValues + "}\n"),
        PodDisruptionBudget.class);

    assertThat(budget.getSpec().getMinAvailable()).isEqualTo(intOrString(minAvailable));
    assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(intOrString(maxUnavailable));
  }

  /**
   * What the schema cannot say fails the rendering with what to change: a budget with both limits, and operator
   * settings in extraEnv (they are values of their own, checked by the schema; extraEnv would set them around it).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "podDisruptionBudget: {minAvailable: 1, maxUnavailable: 1}|podDisruptionBudget: set minAvailable or maxUnavailable, not both",
      "extraEnv: [{name: WASABI_OPERATOR_MAX_URL_DURATION, value: 30d}]"
          + "|extraEnv: WASABI_OPERATOR_MAX_URL_DURATION is the operator's own setting"})
  void valuesThatCannotWorkAreRefused(String values, String message) {
    assertThatThrownBy(() -> Chart.renderText(work, values + "\n")).hasMessageContaining(message);
  }

  @Test
  void strategyPriorityClassAndPodLabels() throws IOException {
    Deployment deployment = deployment(Chart.render(work, """
        strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
        priorityClassName: platform-critical
        podLabels: {team: storage, app.kubernetes.io/name: other}
        """));

    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(1));
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
    assertThat(deployment.getSpec().getTemplate().getSpec().getPriorityClassName()).isEqualTo("platform-critical");
    // Pod labels only on the pod, and never over the labels the Deployment selects its pods by.
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "storage")
        .containsAllEntriesOf(SELECTOR);
    assertThat(deployment.getMetadata().getLabels()).doesNotContainKey("team");

    Deployment defaults = deployment(Chart.render(work, ""));
    assertThat(defaults.getSpec().getStrategy()).isNull();
    assertThat(defaults.getSpec().getTemplate().getSpec().getPriorityClassName()).isNull();
  }

  @Test
  void aSpreadConstraintWithoutSelectorCountsThisReleasesPods() throws IOException {
    PodSpec pod = deployment(Chart.render(work, """
        topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}
          - maxSkew: 1
            topologyKey: kubernetes.io/hostname
            whenUnsatisfiable: DoNotSchedule
            labelSelector: {matchExpressions: [{key: tier, operator: In, values: [operators]}]}
        """)).getSpec().getTemplate().getSpec();

    List<TopologySpreadConstraint> constraints = pod.getTopologySpreadConstraints();
    assertThat(constraints).hasSize(2);
    assertThat(constraints.get(0).getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
    assertThat(constraints.get(0).getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
    assertThat(constraints.get(0).getLabelSelector().getMatchLabels()).isEqualTo(SELECTOR);
    assertThat(constraints.get(1).getLabelSelector().getMatchLabels()).isEmpty();
    assertThat(constraints.get(1).getLabelSelector().getMatchExpressions()).singleElement()
        .satisfies(e -> assertThat(e.getKey()).isEqualTo("tier"));
  }

  @Test
  void extraEnvironmentVolumesAndMountsComeAfterTheChartsOwn() throws IOException {
    PodSpec pod = deployment(Chart.render(work, """
        extraEnv:
          - {name: HTTPS_PROXY, value: "http://proxy.internal:3128"}
          - name: JDK_JAVA_OPTIONS
            valueFrom: {configMapKeyRef: {name: jvm, key: options}}
        volumes:
          - name: extra-config
            configMap: {name: operator-extra}
        volumeMounts:
          - {name: extra-config, mountPath: /etc/extra, readOnly: true}
        """)).getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);

    assertThat(env(container, "HTTPS_PROXY")).isEqualTo("http://proxy.internal:3128");
    assertThat(envVar(container, "JDK_JAVA_OPTIONS").orElseThrow().getValueFrom().getConfigMapKeyRef().getName())
        .isEqualTo("jvm");
    assertThat(env(container, "WASABI_OPERATOR_LOG_LEVEL")).as("the chart's own settings stay").isEqualTo("INFO");
    assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("tmp", "extra-config");
    assertThat(pod.getVolumes().get(1).getConfigMap().getName()).isEqualTo("operator-extra");
    assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath).containsExactly("/tmp", "/etc/extra");
  }

  /** A private CA's bundle, from a ConfigMap or a Secret, always lands in the one file the operator is told of. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "caBundle: {configMap: {name: corp-ca, key: trust-bundle.pem}}|corp-ca||trust-bundle.pem",
      "caBundle: {secret: {name: corp-ca-secret}}||corp-ca-secret|ca.crt"})
  void aCaBundleIsMountedAndNamedToTheOperator(String values, String configMap, String secret, String key)
      throws IOException {
    PodSpec pod = deployment(Chart.render(work, values + "\n")).getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);

    assertThat(env(container, "WASABI_OPERATOR_CA_BUNDLE")).isEqualTo("/etc/wasabi-operator/ca/ca-bundle.pem");
    assertThat(container.getVolumeMounts()).filteredOn(m -> m.getName().equals("ca-bundle")).singleElement()
        .satisfies(m -> {
          assertThat(m.getMountPath()).isEqualTo("/etc/wasabi-operator/ca");
          assertThat(m.getReadOnly()).isTrue();
        });
    Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals("ca-bundle")).findFirst().orElseThrow();
    List<KeyToPath> items = configMap != null ? volume.getConfigMap().getItems() : volume.getSecret().getItems();
    assertThat(configMap != null ? volume.getConfigMap().getName() : volume.getSecret().getSecretName())
        .isEqualTo(configMap != null ? configMap : secret);
    assertThat(items).singleElement().satisfies(item -> {
      assertThat(item.getKey()).isEqualTo(key);
      assertThat(item.getPath()).isEqualTo("ca-bundle.pem");
    });
  }

  @Test
  void withoutACaBundleTheJvmsCasAlone() throws IOException {
    PodSpec pod = deployment(Chart.render(work, "")).getSpec().getTemplate().getSpec();

    assertThat(envVar(pod.getContainers().get(0), "WASABI_OPERATOR_CA_BUNDLE")).isEmpty();
    assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("tmp");
  }

  /**
   * The defaults are the restricted settings the chart always had. Helm merges a value into them key by key,
   * and a key set to null leaves them.
   */
  @Test
  void securityContextsDefaultToRestrictedAndAreValues() throws IOException {
    PodSpec defaults = deployment(Chart.render(work, "")).getSpec().getTemplate().getSpec();
    assertThat(defaults.getSecurityContext()).isEqualTo(new PodSecurityContextBuilder()
        .withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build());
    assertThat(defaults.getContainers().get(0).getSecurityContext()).isEqualTo(new SecurityContextBuilder()
        .withRunAsNonRoot(true).withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build());

    PodSpec custom = deployment(Chart.render(work, """
        securityContext: {fsGroup: 2000}
        containerSecurityContext: {runAsUser: 10001, seccompProfile: null}
        """)).getSpec().getTemplate().getSpec();
    assertThat(custom.getSecurityContext().getFsGroup()).isEqualTo(2000L);
    assertThat(custom.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(custom.getContainers().get(0).getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(custom.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(custom.getContainers().get(0).getSecurityContext().getSeccompProfile()).isNull();
  }

  /** The handlers are the operator's endpoints; only their timing is a value, with the timings the chart always had. */
  @Test
  void probeTimingsAreValues() throws IOException {
    Container defaults = container(Chart.render(work, ""));
    assertProbe(defaults.getStartupProbe(), "/healthz", 5, 1, 36);
    assertProbe(defaults.getLivenessProbe(), "/healthz", 10, 5, 3);
    assertProbe(defaults.getReadinessProbe(), "/readyz", 10, 5, 3);

    Container tuned = container(Chart.render(work, """
        startupProbe: {failureThreshold: 120}
        livenessProbe: {periodSeconds: 20, timeoutSeconds: 10}
        readinessProbe: {enabled: false}
        """));
    assertProbe(tuned.getStartupProbe(), "/healthz", 5, 1, 120);
    assertProbe(tuned.getLivenessProbe(), "/healthz", 20, 10, 3);
    assertThat(tuned.getReadinessProbe()).isNull();
  }

  private static void assertProbe(Probe probe, String path, int period, int timeout, int failures) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("health");
    assertThat(probe.getPeriodSeconds()).isEqualTo(period);
    assertThat(probe.getTimeoutSeconds()).isEqualTo(timeout);
    assertThat(probe.getFailureThreshold()).isEqualTo(failures);
  }

  /** "1" is the number 1, "50%" a percentage, empty or null none. */
  private static IntOrString intOrString(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
  }
}
