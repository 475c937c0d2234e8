package io.wasabioperator.install.chart;

import static io.wasabioperator.install.chart.Chart.NAMESPACE;
import static io.wasabioperator.install.chart.Chart.grants;
import static io.wasabioperator.install.chart.ChartObjects.container;
import static io.wasabioperator.install.chart.ChartObjects.deployment;
import static io.wasabioperator.install.chart.ChartObjects.env;
import static io.wasabioperator.install.chart.ChartObjects.envNames;
import static io.wasabioperator.install.chart.ChartObjects.envVar;
import static io.wasabioperator.install.chart.ChartObjects.named;
import static io.wasabioperator.install.chart.ChartObjects.ofKind;
import static io.wasabioperator.install.chart.ChartObjects.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.apiserver.rbac.BoundRule;
import io.wasabioperator.apiserver.rbac.RbacPolicy;
import io.wasabioperator.apiserver.rbac.ServiceAccountUser;
import io.wasabioperator.config.TenancyConfig;
import io.wasabioperator.install.RepositoryFiles;
import io.wasabioperator.install.chart.Chart.Grant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Renders the chart as `helm template` does and checks the objects a user's cluster would receive. */
class HelmChartTest {
  private static final String GROUP = "storage.wasabi-operator.io";
  private static final String LEASE_ENV = "WASABI_OPERATOR_LEADER_ELECTION_NAMESPACE";
  private static final String LEASE_NAME_ENV = "WASABI_OPERATOR_LEADER_ELECTION_LEASE_NAME";
  private static final String AGGREGATE_TO = "rbac.authorization.k8s.io/aggregate-to-";

  /**
   * Exactly the API calls the operator makes on what it watches (RecordedRbacTest checks them against its
   * recorded requests), plus update on the owners' finalizers for the blocking owner references of its Secrets.
   */
  private static final Set<Grant> WATCH_GRANTS = union(
      grants(GROUP, List.of("wasabistorageintegrations", "signedurlrequests"), List.of("list", "watch")),
      grants(GROUP, List.of("wasabistorageintegrations/status", "signedurlrequests/status"), List.of("update")),
      grants(GROUP, List.of("wasabistorageintegrations/finalizers", "signedurlrequests/finalizers"),
          List.of("update")),
      grants("", List.of("secrets"), List.of("get", "list", "watch", "create", "patch", "delete")),
      grants("events.k8s.io", List.of("events"), List.of("create")));

  /** In every watch mode: the cluster-scoped grants and namespaces' labels for selectors. */
  private static final Set<Grant> PLATFORM_GRANT_GRANTS = union(
      grants(GROUP, List.of("wasabiplatformgrants"), List.of("list", "watch")),
      grants("", List.of("namespaces"), List.of("list", "watch")));
  /** Watching every namespace without shards, the operator also counts each grant's integrations. */
  private static final Set<Grant> GRANT_USAGE_GRANTS = grants(GROUP, List.of("wasabiplatformgrants/status"),
      List.of("update"));

  /**
   * fabric8's LeaseLock: get the Lease, create it when missing, patch it to renew or take it over; update
   * because java-operator-sdk checks for it at start.
   */
  private static final Set<Grant> LEASE_GRANTS = leaseGrants("wasabi-operator-leader");
  /** The signing API's: reviews of callers, and its CA's Secret and ConfigMap (get and update only by name). */
  private static final Set<Grant> SIGNING_GRANTS = Set.of(
      new Grant("authentication.k8s.io", "tokenreviews", "", "create"),
      new Grant("authorization.k8s.io", "subjectaccessreviews", "", "create"),
      new Grant("", "secrets", "", "create"),
      new Grant("", "configmaps", "", "create"),
      new Grant("", "secrets", "wasabi-operator-signing-ca", "get"),
      new Grant("", "secrets", "wasabi-operator-signing-ca", "update"),
      new Grant("", "configmaps", "wasabi-operator-signing-ca", "get"),
      new Grant("", "configmaps", "wasabi-operator-signing-ca", "update"));

  @TempDir
  Path work;

  @Test
  void lintStrictPasses() {
    LintResult result = new Helm(Chart.DIR).lint().strict().call();

    assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
    assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  /** The values combinations users reach for; each must give a pod that passes the restricted standard. */
  static Stream<Arguments> combinations() {
    return Stream.of(
        Arguments.of("defaults", ""),
        Arguments.of("watched namespaces", """
            watchNamespaces: [team-a, team-b]
            platformCredentials: {secretName: platform-credentials}
            """),
        Arguments.of("three replicas", "replicas: 3\n"),
        Arguments.of("metrics and ServiceMonitor", """
            metrics:
              enabled: true
              serviceMonitor: {enabled: true, labels: {release: prometheus}}
            """),
        Arguments.of("custom image", """
            image: {repository: registry.example.com/ops/wasabi-operator, tag: 0.2.0-rc.1, pullPolicy: Always}
            imagePullSecrets: [{name: registry-credentials}]
            """),
        Arguments.of("json logs", "logFormat: json\nlogLevel: DEBUG\n"),
        Arguments.of("scheduling", """
            nodeSelector: {kubernetes.io/os: linux}
            tolerations: [{key: dedicated, operator: Equal, value: operators, effect: NoSchedule}]
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                    - matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}]
            """),
        Arguments.of("labels and annotations", """
            commonLabels: {team: platform}
            podAnnotations: {example.com/scrape: "false"}
            deploymentAnnotations: {example.com/owner: platform}
            serviceAccount: {annotations: {example.com/role: operator}}
            """),
        Arguments.of("examples/helm/values-production.yaml", productionValues()));
  }

  /** The production example's values (examples/helm/, apart from the manifests). */
  private static String productionValues() {
    try {
      return Files.readString(RepositoryFiles.resolve("examples/helm/values-production.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** README's install section points at the production example: each production value is at work in it. */
  @Test
  void theProductionExampleSetsEachProductionValue() throws IOException {
    List<HasMetadata> objects = Chart.render(work, productionValues());
    Deployment deployment = deployment(objects);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = container(objects);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(only(objects, PodDisruptionBudget.class).getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    assertThat(pod.getTopologySpreadConstraints()).extracting(TopologySpreadConstraint::getTopologyKey)
        .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
    assertThat(pod.getPriorityClassName()).isNotBlank();
    assertThat(only(objects, NetworkPolicy.class).getSpec().getIngress().get(0).getFrom()).isNotEmpty();
    assertThat(env(container, "WASABI_OPERATOR_CA_BUNDLE")).isNotBlank();
    assertThat(env(container, "WASABI_OPERATOR_ENDPOINT_ALLOWLIST")).isNotBlank();
    assertThat(env(container, "WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET")).isNotBlank();
    assertThat(TenancyConfig.fromEnvironment(Map.of(TenancyConfig.PLATFORM_GRANTS,
        env(container, "WASABI_OPERATOR_PLATFORM_GRANTS"))).platformGrants()).isNotEmpty();
    assertThat(objects).anyMatch(o -> o.getKind().equals("ServiceMonitor"));
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void everyCombinationGivesARestrictedPodWithProbesAndResources(String name, String values) throws IOException {
    List<HasMetadata> objects = Chart.render(work, values);

    PodSpec pod = deployment(objects).getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getInitContainers()).isEmpty();
    assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
    assertThat(pod.getContainers()).hasSize(1);

    Container container = pod.getContainers().get(0);
    var security = container.getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getRunAsUser()).as("the image's numeric user, or one the platform assigns").isNull();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isEmpty();
    assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    // The JVM writes temporary files; with a read-only root filesystem they need /tmp mounted.
    assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));

    for (var resources : List.of(container.getResources().getRequests(), container.getResources().getLimits())) {
      assertThat(resources).containsKeys("cpu", "memory");
    }
    assertThat(Quantity.getAmountInBytes(container.getResources().getRequests().get("memory")))
        .isLessThanOrEqualTo(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")));

    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    int healthPort = container.getPorts().stream().filter(p -> "health".equals(p.getName())).findFirst()
        .orElseThrow().getContainerPort();
    assertThat(healthPort).isEqualTo(Integer.parseInt(env(container, "WASABI_OPERATOR_HEALTH_PORT")));
    for (var probe : List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())) {
      assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("health");
    }

    // Leader election is on by default, so that a rolling update never has two pods reconciling.
    assertThat(envVar(container, LEASE_ENV)).isPresent();

    assertThat(objects).allSatisfy(HelmChartTest::hasStandardLabels);
    assertThat(operatorGrants(objects)).as("no permission beyond what the operator uses")
        .isSubsetOf(union(WATCH_GRANTS, LEASE_GRANTS, PLATFORM_GRANT_GRANTS, GRANT_USAGE_GRANTS, SIGNING_GRANTS,
            Set.of(platformSecretGrant("platform-credentials"))));
    assertThat(env(container, LEASE_NAME_ENV)).isEqualTo("wasabi-operator-leader");
    assertThat(allRules(objects)).allSatisfy(rule -> {
      assertThat(rule.getVerbs()).doesNotContain("*");
      assertThat(rule.getResources()).doesNotContain("*");
      assertThat(rule.getApiGroups()).doesNotContain("*");
    });
  }

  @Test
  void defaultsWatchAllNamespacesWithOneClusterRole() throws IOException {
    List<HasMetadata> objects = Chart.render(work, "");

    ClusterRole role = named(objects, ClusterRole.class, null, "wasabi-operator");
    assertThat(grants(role.getRules())).isEqualTo(WATCH_GRANTS);
    ClusterRoleBinding binding = named(objects, ClusterRoleBinding.class, null, "wasabi-operator");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects()).singleElement().satisfies(HelmChartTest::isOperatorServiceAccount);
    assertPlatformGrantsClusterRole(objects, union(PLATFORM_GRANT_GRANTS, GRANT_USAGE_GRANTS));

    // The only namespaced Roles are the signing CA's and the leader-election one.
    assertThat(ofKind(objects, Role.class)).extracting(r -> r.getMetadata().getName())
        .containsExactlyInAnyOrder("wasabi-operator-signing-ca", "wasabi-operator-leader-election");

    Container container = container(objects);
    assertThat(env(container, "WASABI_OPERATOR_WATCH_NAMESPACES")).isEmpty();
    assertThat(container.getImage()).isEqualTo("ghcr.io/wasabi-operator/wasabi-operator:0.1.0");
    assertThat(envNames(container)).doesNotContain("WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET",
        "WASABI_OPERATOR_PLATFORM_PRINCIPAL_ARN", "WASABI_OPERATOR_METRICS_PORT");
    assertThat(env(container, "WASABI_OPERATOR_HEALTH_PORT")).isEqualTo("8080");
    assertThat(env(container, "WASABI_OPERATOR_MAX_URL_DURATION")).isEqualTo("4h");
    assertThat(env(container, "WASABI_OPERATOR_PROBE_INTERVAL")).isEqualTo("10m");
    assertThat(env(container, "WASABI_OPERATOR_ALLOW_HTTP_ENDPOINTS")).isEqualTo("false");
    assertThat(env(container, "WASABI_OPERATOR_LOG_FORMAT")).isEqualTo("text");
    assertThat(env(container, "WASABI_OPERATOR_LOG_LEVEL")).isEqualTo("INFO");

    assertThat(deployment(objects).getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment(objects).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(only(objects, ServiceAccount.class).getMetadata().getName());
    // No metrics Service without metrics; the signing API's Service, on its HTTPS port, selecting the pods.
    assertThat(ofKind(objects, Service.class)).singleElement().satisfies(service -> {
      assertThat(service.getMetadata().getName()).isEqualTo("wasabi-operator-signing");
      assertThat(service.getSpec().getSelector()).isEqualTo(deployment(objects).getSpec().getSelector().getMatchLabels());
      assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
        assertThat(port.getPort()).isEqualTo(8443);
        assertThat(port.getTargetPort().getStrVal()).isEqualTo("signing");
      });
    });
    assertThat(env(container, "WASABI_OPERATOR_SIGNING_SERVICE")).isEqualTo("wasabi-operator-signing");
    assertThat(objects).noneMatch(o -> o.getKind().equals("ServiceMonitor"));
  }

  /**
   * The CRDs are templates, so `helm upgrade` updates them: the repository's crds/ as they are, with the chart's
   * labels (Helm's ownership) and annotations that keep them when the release or its Argo CD Application goes.
   */
  @Test
  void crdsAreTheRepositoryCrdsWithTheChartsLabelsAndKept() throws IOException {
    Map<String, CustomResourceDefinition> repository = new TreeMap<>();
    try (Stream<Path> files = Files.list(RepositoryFiles.resolve("crds"))) {
      for (Path file : files.toList()) {
        CustomResourceDefinition crd = only(Chart.parse(Files.readString(file)), CustomResourceDefinition.class);
        repository.put(crd.getMetadata().getName(), crd);
      }
    }
    List<HasMetadata> objects = Chart.render(work, "");
    List<CustomResourceDefinition> rendered = ofKind(objects, CustomResourceDefinition.class);

    assertThat(rendered).extracting(crd -> crd.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(repository.keySet())
        .contains("wasabistorageintegrations." + GROUP, "signedurlrequests." + GROUP, "wasabiplatformgrants." + GROUP);
    for (CustomResourceDefinition crd : rendered) {
      assertThat(crd.getSpec()).isEqualTo(repository.get(crd.getMetadata().getName()).getSpec());
      assertThat(crd.getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(Map.of(
          "helm.sh/resource-policy", "keep",
          "argocd.argoproj.io/sync-options", "Delete=false,Prune=false"));
    }

    assertThat(ofKind(Chart.render(work, "crds: {keep: false}\n"), CustomResourceDefinition.class))
        .hasSize(repository.size())
        .allSatisfy(crd -> assertThat(crd.getMetadata().getAnnotations()).isNullOrEmpty());
    assertThat(ofKind(Chart.render(work, "crds: {enabled: false}\n"), CustomResourceDefinition.class)).isEmpty();
  }

  /**
   * An upgrade from the release before keeps the user's values and takes the new defaults (`helm upgrade
   * --reset-then-reuse-values`, or `-f` with the old values file): that release's values.yaml, as it was at
   * commit 69c72b5, must still be valid and render the operator.
   */
  @Test
  void thePreviousReleasesValuesRender() throws IOException {
    String previous = Files.readString(RepositoryFiles.resolve("install-tests/src/test/resources/chart/values-69c72b5.yaml"));

    List<HasMetadata> objects = Chart.render(work, previous);

    assertThat(container(objects).getImage()).isEqualTo("ghcr.io/wasabi-operator/wasabi-operator:0.1.0");
    assertThat(ofKind(objects, CustomResourceDefinition.class)).hasSize(3);
  }

  /**
   * People with the built-in view, edit or admin role may work with both namespaced kinds: two ClusterRoles that
   * Kubernetes aggregates into those roles. Nothing binds them, so RecordedRbacTest does not count them as the
   * operator's; WasabiPlatformGrant, cluster-scoped, is in neither.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"all namespaces|", "watched namespaces|watchNamespaces: [team-a]"})
  void aggregatedClusterRolesGiveTheBuiltInRolesBothKinds(String watching, String watchValues) throws IOException {
    String values = watchValues == null ? "" : watchValues + "\n";
    List<HasMetadata> objects = Chart.render(work, values);
    List<String> kinds = List.of("wasabistorageintegrations", "signedurlrequests");

    ClusterRole view = named(objects, ClusterRole.class, null, "wasabi-operator-view");
    assertThat(view.getMetadata().getLabels()).containsEntry(AGGREGATE_TO + "view", "true")
        .doesNotContainKeys(AGGREGATE_TO + "edit", AGGREGATE_TO + "admin");
    assertThat(grants(view.getRules())).isEqualTo(grants(GROUP, kinds, List.of("get", "list", "watch")));
    ClusterRole edit = named(objects, ClusterRole.class, null, "wasabi-operator-edit");
    assertThat(edit.getMetadata().getLabels()).containsEntry(AGGREGATE_TO + "edit", "true")
        .containsEntry(AGGREGATE_TO + "admin", "true").doesNotContainKey(AGGREGATE_TO + "view");
    assertThat(grants(edit.getRules())).isEqualTo(union(grants(GROUP, kinds,
        List.of("get", "list", "watch", "create", "update", "patch", "delete")),
        grants(GROUP, List.of("wasabistorageintegrations/urls"), List.of("sign-get", "sign-put"))));

    Set<String> bound = new TreeSet<>();
    ofKind(objects, ClusterRoleBinding.class).forEach(b -> bound.add(b.getRoleRef().getName()));
    ofKind(objects, RoleBinding.class).forEach(b -> bound.add(b.getRoleRef().getName()));
    assertThat(bound).doesNotContain("wasabi-operator-view", "wasabi-operator-edit");

    assertThat(ofKind(Chart.render(work, values + "rbac: {aggregate: false}\n"), ClusterRole.class))
        .noneMatch(role -> role.getMetadata().getLabels().keySet().stream().anyMatch(l -> l.startsWith(AGGREGATE_TO)));
  }

  @Test
  void watchedNamespacesGetARoleEachAndNoClusterRole() throws IOException {
    List<HasMetadata> objects = Chart.render(work, """
        watchNamespaces: [team-a, team-b]
        platformCredentials: {secretName: platform-credentials}
        """);

    // Grants are cluster-scoped and may select any namespace, and callers of the signing API come from any
    // namespace: those two small ClusterRoles are the operator's only ones (CA copies get a Role per namespace).
    assertThat(operatorClusterRoles(objects)).extracting(r -> r.getMetadata().getName())
        .containsExactlyInAnyOrder("wasabi-operator-platform-grants", "wasabi-operator-signing");
    // Seeing part of the integrations, it does not count grants' users: no write to their status.
    assertPlatformGrantsClusterRole(objects, PLATFORM_GRANT_GRANTS);
    for (String namespace : List.of("team-a", "team-b")) {
      Role role = named(objects, Role.class, namespace, "wasabi-operator");
      assertThat(grants(role.getRules())).isEqualTo(WATCH_GRANTS);
      RoleBinding binding = named(objects, RoleBinding.class, namespace, "wasabi-operator");
      assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(binding.getRoleRef().getName()).isEqualTo("wasabi-operator");
      assertThat(binding.getSubjects()).singleElement().satisfies(HelmChartTest::isOperatorServiceAccount);
    }

    // The platform identity's Secret is outside the watched namespaces: get on that one Secret only.
    Role credentials = named(objects, Role.class, NAMESPACE, "wasabi-operator-platform-credentials");
    assertThat(grants(credentials.getRules())).containsExactly(platformSecretGrant("platform-credentials"));
    assertThat(named(objects, RoleBinding.class, NAMESPACE, "wasabi-operator-platform-credentials").getSubjects())
        .singleElement().satisfies(HelmChartTest::isOperatorServiceAccount);

    Set<String> roleNamespaces = new TreeSet<>();
    ofKind(objects, Role.class).forEach(r -> roleNamespaces.add(r.getMetadata().getNamespace()));
    assertThat(roleNamespaces).containsExactly("team-a", "team-b", NAMESPACE);

    Container container = container(objects);
    assertThat(env(container, "WASABI_OPERATOR_WATCH_NAMESPACES")).isEqualTo("team-a,team-b");
    assertThat(env(container, "WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET"))
        .isEqualTo(NAMESPACE + "/platform-credentials");
  }

  @Test
  void platformCredentialsInsideAWatchedNamespaceNeedNoExtraRole() throws IOException {
    List<HasMetadata> objects = Chart.render(work, """
        watchNamespaces: [team-a, shared]
        platformCredentials: {secretName: platform-credentials, namespace: shared}
        """);

    assertThat(ofKind(objects, Role.class)).extracting(r -> r.getMetadata().getName())
        .doesNotContain("wasabi-operator-platform-credentials");
    assertThat(env(container(objects), "WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET"))
        .isEqualTo("shared/platform-credentials");
  }

  @Test
  void replicasElectALeaderThroughALeaseInTheReleaseNamespace() throws IOException {
    List<HasMetadata> objects = Chart.render(work, "replicas: 3\n");

    assertThat(deployment(objects).getSpec().getReplicas()).isEqualTo(3);
    EnvVar lease = envVar(container(objects), LEASE_ENV).orElseThrow();
    assertThat(lease.getValue()).isNull();
    assertThat(lease.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");

    Role role = named(objects, Role.class, NAMESPACE, "wasabi-operator-leader-election");
    assertThat(grants(role.getRules())).isEqualTo(LEASE_GRANTS);
    RoleBinding binding = named(objects, RoleBinding.class, NAMESPACE, "wasabi-operator-leader-election");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects()).singleElement().satisfies(HelmChartTest::isOperatorServiceAccount);
  }

  @Test
  void theLeaseNameIsAValueThatReachesTheOperatorAndItsRole() throws IOException {
    List<HasMetadata> objects = Chart.render(work, "leaderElection: {leaseName: team-a.wasabi-leader}\n");

    assertThat(env(container(objects), LEASE_NAME_ENV)).isEqualTo("team-a.wasabi-leader");
    Role role = named(objects, Role.class, NAMESPACE, "wasabi-operator-leader-election");
    assertThat(grants(role.getRules())).isEqualTo(leaseGrants("team-a.wasabi-leader"));
  }

  @Test
  void withoutLeaderElectionThereIsNoLeaseAccess() throws IOException {
    List<HasMetadata> objects = Chart.render(work, "leaderElection: {enabled: false}\n");

    assertThat(envNames(container(objects))).doesNotContain(LEASE_ENV, LEASE_NAME_ENV);
    assertThat(operatorGrants(objects)).doesNotContainAnyElementsOf(LEASE_GRANTS);
  }

  @Test
  void severalReplicasWithoutLeaderElectionAreRefused() {
    assertThatThrownBy(() -> Chart.renderText(work, "replicas: 2\nleaderElection: {enabled: false}\n"))
        .hasMessageContaining("replicas > 1 needs leaderElection.enabled=true");
  }

  @Test
  void metricsAddAServiceAndAServiceMonitorThatFindIt() throws IOException {
    List<HasMetadata> objects = Chart.render(work, """
        metrics:
          enabled: true
          port: 9090
          serviceMonitor: {enabled: true, interval: 1m, labels: {release: prometheus}}
        """);

    Container container = container(objects);
    assertThat(container.getPorts()).anySatisfy(p -> {
      assertThat(p.getName()).isEqualTo("metrics");
      assertThat(p.getContainerPort()).isEqualTo(9090);
    });
    assertThat(env(container, "WASABI_OPERATOR_METRICS_PORT")).isEqualTo("9090");

    Service service = named(objects, Service.class, NAMESPACE, "wasabi-operator-metrics");
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("metrics");
      assertThat(p.getPort()).isEqualTo(9090);
      assertThat(p.getTargetPort().getStrVal()).isEqualTo("metrics");
    });
    Map<String, String> podLabels = deployment(objects).getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());

    GenericKubernetesResource monitor = objects.stream().filter(o -> o.getKind().equals("ServiceMonitor"))
        .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
    assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    assertThat(endpoints).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("port", "metrics").containsEntry("path", "/metrics").containsEntry("interval", "1m")
          .containsEntry("scrapeTimeout", "10s").containsEntry("honorLabels", false);
    });
    assertThat(monitor.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
  }

  /** A Prometheus that watches only its own namespace gets the ServiceMonitor there; it still selects the release's Service. */
  @Test
  void theServiceMonitorMayLiveWherePrometheusLooks() throws IOException {
    List<HasMetadata> objects = Chart.render(work, """
        metrics:
          enabled: true
          serviceMonitor: {enabled: true, namespace: monitoring, scrapeTimeout: 5s, honorLabels: true}
        """);

    GenericKubernetesResource monitor = objects.stream().filter(o -> o.getKind().equals("ServiceMonitor"))
        .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
    assertThat(monitor.getMetadata().getNamespace()).isEqualTo("monitoring");
    List<String> namespaces = monitor.get("spec", "namespaceSelector", "matchNames");
    assertThat(namespaces).containsExactly(NAMESPACE);
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    assertThat(endpoints).singleElement().satisfies(e ->
        assertThat(e).containsEntry("scrapeTimeout", "5s").containsEntry("honorLabels", true));
  }

  @Test
  void aServiceMonitorWithoutMetricsIsRefused() {
    assertThatThrownBy(() -> Chart.renderText(work, "metrics: {serviceMonitor: {enabled: true}}\n"))
        .hasMessageContaining("metrics.serviceMonitor.enabled=true needs metrics.enabled=true");
  }

  @Test
  void imageValues() throws IOException {
    Container custom = container(Chart.render(work, """
        image: {repository: registry.example.com/ops/wasabi-operator, tag: 0.2.0-rc.1, pullPolicy: Always}
        """));
    assertThat(custom.getImage()).isEqualTo("registry.example.com/ops/wasabi-operator:0.2.0-rc.1");
    assertThat(custom.getImagePullPolicy()).isEqualTo("Always");

    String digest = "sha256:" + "ab".repeat(32);
    Container pinned = container(Chart.render(work, "image: {tag: ignored, digest: \"" + digest + "\"}\n"));
    assertThat(pinned.getImage()).isEqualTo("ghcr.io/wasabi-operator/wasabi-operator@" + digest);
  }

  @Test
  void operatorSettingsBecomeItsEnvironment() throws IOException {
    Container container = container(Chart.render(work, """
        logFormat: json
        logLevel: DEBUG
        probeInterval: 2m30s
        maxUrlDuration: 24h
        allowHttpEndpoints: true
        healthPort: 9000
        platformPrincipalArn: arn:aws:iam::123456789012:user/platform
        platformCredentials: {secretName: platform-credentials}
        """));

    assertThat(env(container, "WASABI_OPERATOR_LOG_FORMAT")).isEqualTo("json");
    assertThat(env(container, "WASABI_OPERATOR_LOG_LEVEL")).isEqualTo("DEBUG");
    assertThat(env(container, "WASABI_OPERATOR_PROBE_INTERVAL")).isEqualTo("2m30s");
    assertThat(env(container, "WASABI_OPERATOR_MAX_URL_DURATION")).isEqualTo("24h");
    assertThat(env(container, "WASABI_OPERATOR_ALLOW_HTTP_ENDPOINTS")).isEqualTo("true");
    assertThat(env(container, "WASABI_OPERATOR_HEALTH_PORT")).isEqualTo("9000");
    assertThat(container.getPorts()).anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(9000));
    assertThat(env(container, "WASABI_OPERATOR_PLATFORM_PRINCIPAL_ARN"))
        .isEqualTo("arn:aws:iam::123456789012:user/platform");
    assertThat(env(container, "WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET"))
        .isEqualTo(NAMESPACE + "/platform-credentials");
  }

  @Test
  void tenancySettingsBecomeItsEnvironmentAndNothingIsGrantedByDefault() throws IOException {
    Container defaults = container(Chart.render(work, ""));
    assertThat(env(defaults, "WASABI_OPERATOR_PLATFORM_GRANTS")).isEqualTo("[]");
    assertThat(env(defaults, "WASABI_OPERATOR_ENDPOINT_ALLOWLIST")).isEmpty();
    assertThat(env(defaults, "WASABI_OPERATOR_PRIVATE_ENDPOINT_CIDRS")).isEmpty();

    Container container = container(Chart.render(work, """
        platformGrants:
          - {namespaces: ["*"], buckets: ["*"]}
          - namespaceSelector: {matchLabels: {tenant: a}}
            buckets: [team-a-*]
            prefixes: [cases/]
            modes: [ReadOnly]
            endpoints: [s3.example.com]
        endpointAllowlist: [s3.example.com, "*.storage.example.org"]
        privateEndpointCidrs: [10.20.0.0/16]
        """));
    // What the operator reads: the same grants, parsed as the operator parses them.
    TenancyConfig tenancy = TenancyConfig.fromEnvironment(Map.of(
        TenancyConfig.PLATFORM_GRANTS, env(container, "WASABI_OPERATOR_PLATFORM_GRANTS"),
        TenancyConfig.ENDPOINT_ALLOWLIST, env(container, "WASABI_OPERATOR_ENDPOINT_ALLOWLIST")));
    assertThat(tenancy.platformGrants()).hasSize(2);
    assertThat(tenancy.platformGrants().get(0).getNamespaces()).containsExactly("*");
    assertThat(tenancy.platformGrants().get(1).getNamespaceSelector().getMatchLabels()).containsEntry("tenant", "a");
    assertThat(tenancy.platformGrants().get(1).getModes()).containsExactly(AccessMode.ReadOnly);
    assertThat(tenancy.endpointAllowlist()).containsExactly("s3.example.com", "*.storage.example.org");
    assertThat(env(container, "WASABI_OPERATOR_PRIVATE_ENDPOINT_CIDRS")).isEqualTo("10.20.0.0/16");
  }

  private static void assertPlatformGrantsClusterRole(List<HasMetadata> objects, Set<Grant> expected) {
    ClusterRole role = named(objects, ClusterRole.class, null, "wasabi-operator-platform-grants");
    assertThat(grants(role.getRules())).isEqualTo(expected);
    ClusterRoleBinding binding = named(objects, ClusterRoleBinding.class, null, "wasabi-operator-platform-grants");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects()).singleElement().satisfies(HelmChartTest::isOperatorServiceAccount);
  }

  @Test
  void schedulingValuesReachThePod() throws IOException {
    PodSpec pod = deployment(Chart.render(work, """
        nodeSelector: {kubernetes.io/os: linux}
        tolerations: [{key: dedicated, operator: Equal, value: operators, effect: NoSchedule}]
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}]
        """)).getSpec().getTemplate().getSpec();

    assertThat(pod.getNodeSelector()).containsExactlyEntriesOf(Map.of("kubernetes.io/os", "linux"));
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
      assertThat(t.getKey()).isEqualTo("dedicated");
      assertThat(t.getValue()).isEqualTo("operators");
      assertThat(t.getEffect()).isEqualTo("NoSchedule");
    });
    assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getValues()).containsExactly("amd64", "arm64");
  }

  @Test
  void labelsAndAnnotations() throws IOException {
    List<HasMetadata> objects = Chart.render(work, """
        commonLabels: {team: platform, app.kubernetes.io/name: something-else}
        podAnnotations: {example.com/scrape: "false"}
        deploymentAnnotations: {example.com/owner: platform}
        serviceAccount: {annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/x"}}
        metrics: {enabled: true, serviceMonitor: {enabled: true}}
        """);

    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getLabels()).containsEntry("team", "platform"));
    Deployment deployment = deployment(objects);
    assertThat(deployment.getMetadata().getAnnotations()).containsEntry("example.com/owner", "platform");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("example.com/scrape", "false");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "platform");
    // commonLabels cannot change the labels the Deployment selects its pods by.
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "wasabi-operator");
    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "wasabi-operator"));
    assertThat(only(objects, ServiceAccount.class).getMetadata().getAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/x");
  }

  /** Pods pull with the ServiceAccount's secrets too, so the chart puts them on both. */
  @Test
  void imagePullSecretsAreOnThePodAndTheServiceAccount() throws IOException {
    List<HasMetadata> objects = Chart.render(work, "imagePullSecrets: [{name: registry-credentials}]\n");

    assertThat(deployment(objects).getSpec().getTemplate().getSpec().getImagePullSecrets())
        .extracting(LocalObjectReference::getName).containsExactly("registry-credentials");
    assertThat(only(objects, ServiceAccount.class).getImagePullSecrets())
        .extracting(LocalObjectReference::getName).containsExactly("registry-credentials");
    assertThat(only(Chart.render(work, ""), ServiceAccount.class).getImagePullSecrets()).isEmpty();
  }

  @Test
  void anExistingServiceAccountIsBoundInsteadOfCreated() throws IOException {
    List<HasMetadata> objects = Chart.render(work, "serviceAccount: {create: false, name: operators}\n");

    assertThat(ofKind(objects, ServiceAccount.class)).isEmpty();
    assertThat(deployment(objects).getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("operators");
    assertThat(named(objects, ClusterRoleBinding.class, null, "wasabi-operator").getSubjects()).singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("operators"));

    assertThatThrownBy(() -> Chart.renderText(work, "serviceAccount: {create: false}\n"))
        .hasMessageContaining("serviceAccount.name is required");
  }

  /** values.schema.json refuses what the chart would otherwise silently ignore or pass on broken. */
  static Stream<Arguments> invalidValues() {
    return Stream.of(
        Arguments.of("replica: 2\n", "'replica' not allowed"),
        Arguments.of("image: {tagg: 0.2.0}\n", "'tagg' not allowed"),
        Arguments.of("metrics: {serviceMonitor: {enabeld: true}}\n", "'enabeld' not allowed"),
        Arguments.of("serviceAccount: {annotation: {a: b}}\n", "'annotation' not allowed"),
        Arguments.of("tolerations: [{key: a, operater: Exists}]\n", "'operater' not allowed"),
        Arguments.of("resources: {limit: {memory: 1Gi}}\n", "'limit' not allowed"),
        Arguments.of("affinity: {nodeAfinity: {}}\n", "'nodeAfinity' not allowed"),
        Arguments.of("crds: {keeep: true}\n", "'keeep' not allowed"),
        Arguments.of("rbac: {aggregate: \"yes\"}\n", "/rbac/aggregate"),
        Arguments.of("rbac: {creat: true}\n", "'creat' not allowed"),
        Arguments.of("crds: {enabled: \"yes\"}\n", "/crds/enabled"),
        Arguments.of("metrics: {serviceMonitor: {scrapeTimeout: 10}}\n", "/metrics/serviceMonitor/scrapeTimeout"),
        Arguments.of("metrics: {serviceMonitor: {namespace: Monitoring}}\n", "/metrics/serviceMonitor/namespace"),
        Arguments.of("strategy: {type: BlueGreen}\n", "/strategy/type"),
        Arguments.of("strategy: {rollingUpdate: {maxSurge: one}}\n", "/strategy/rollingUpdate/maxSurge"),
        Arguments.of("podDisruptionBudget: {minAvailable: \"50\"}\n", "/podDisruptionBudget/minAvailable"),
        Arguments.of("podDisruptionBudget: {maxUnavailble: 1}\n", "'maxUnavailble' not allowed"),
        Arguments.of("topologySpreadConstraints: [{maxSkew: 1, whenUnsatisfiable: DoNotSchedule}]\n",
            "/topologySpreadConstraints/0"),
        Arguments.of("topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, "
            + "labelSelecter: {}}]\n", "'labelSelecter' not allowed"),
        Arguments.of("priorityClassName: High\n", "/priorityClassName"),
        Arguments.of("podLabels: {tier: 1}\n", "/podLabels/tier"),
        Arguments.of("extraEnv: [{name: HTTPS_PROXY, valu: http://proxy:3128}]\n", "'valu' not allowed"),
        Arguments.of("extraEnv: [{value: x}]\n", "/extraEnv/0"),
        Arguments.of("volumes: [{emptyDir: {}}]\n", "/volumes/0"),
        Arguments.of("volumeMounts: [{name: cache}]\n", "/volumeMounts/0"),
        Arguments.of("volumeMounts: [{name: cache, mountPath: /cache, readonly: true}]\n", "'readonly' not allowed"),
        Arguments.of("securityContext: restricted\n", "/securityContext"),
        Arguments.of("livenessProbe: {periodSecond: 5}\n", "'periodSecond' not allowed"),
        Arguments.of("startupProbe: {failureThreshold: 0}\n", "/startupProbe/failureThreshold"),
        Arguments.of("caBundle: {configMap: {name: a}, secret: {name: b}}\n", "/caBundle"),
        Arguments.of("caBundle: {configMap: {key: ca.crt}}\n", "/caBundle/configMap"),
        Arguments.of("caBundle: {file: /etc/ssl/ca.pem}\n", "'file' not allowed"),
        Arguments.of("networkPolicy: {enable: true}\n", "'enable' not allowed"),
        Arguments.of("networkPolicy: {ingressFrom: [{podSelecter: {}}]}\n", "'podSelecter' not allowed"),
        Arguments.of("networkPolicy: {apiServer: {cidrs: [any]}}\n", "/networkPolicy/apiServer/cidrs/0"),
        Arguments.of("networkPolicy: {apiServer: {ports: []}}\n", "/networkPolicy/apiServer/ports"),
        Arguments.of("networkPolicy: {extraEgressPorts: [70000]}\n", "/networkPolicy/extraEgressPorts/0"),
        Arguments.of("networkPolicy: {dns: {to: [{ipBlock: {except: [10.0.0.0/8]}}]}}\n", "/networkPolicy/dns/to/0/ipBlock"),
        Arguments.of("logFormat: xml\n", "/logFormat"),
        Arguments.of("logLevel: verbose\n", "/logLevel"),
        Arguments.of("replicas: two\n", "/replicas"),
        Arguments.of("watchNamespaces: [Team-A]\n", "/watchNamespaces"),
        Arguments.of("watchNamespaces: team-a\n", "/watchNamespaces"),
        Arguments.of("probeInterval: ten minutes\n", "/probeInterval"),
        Arguments.of("maxUrlDuration: 7d\n", "/maxUrlDuration"),
        Arguments.of("allowHttpEndpoints: \"yes\"\n", "/allowHttpEndpoints"),
        Arguments.of("platformPrincipalArn: darwin\n", "/platformPrincipalArn"),
        Arguments.of("healthPort: 70000\n", "/healthPort"),
        Arguments.of("leaderElection: {leaseName: Leader_1}\n", "/leaderElection/leaseName"),
        Arguments.of("leaderElection: {leaseName: \"\"}\n", "/leaderElection/leaseName"),
        Arguments.of("platformGrants: [{namespaces: [a]}]\n", "/platformGrants"),
        Arguments.of("platformGrants: [{buckets: [b]}]\n", "/platformGrants"),
        Arguments.of("platformGrants: [{namespaces: [a], buckets: [b], bucket: c}]\n", "'bucket' not allowed"),
        Arguments.of("endpointAllowlist: [\"https://s3.example.com\"]\n", "/endpointAllowlist"),
        Arguments.of("privateEndpointCidrs: [my-network]\n", "/privateEndpointCidrs"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidValues")
  void invalidValuesFailRendering(String values, String complaint) {
    assertThatThrownBy(() -> Chart.renderText(work, values))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(complaint);
  }

  /** The same refusal at `helm install`, which also prints NOTES.txt. */
  @Test
  void helmInstallRefusesATypoAndOtherwiseSaysWhatItWatches() throws IOException {
    Path typo = Files.writeString(work.resolve("typo.yaml"), "image: {tagg: 0.2.0}\n");
    assertThatThrownBy(() -> install().withValuesFile(typo).call())
        .hasMessageContaining("'tagg' not allowed");

    assertThat(install().call().getOutput())
        .contains("watching all namespaces")
        .contains("No platform identity is configured");
    Path namespaced = Files.writeString(work.resolve("namespaced.yaml"), """
        watchNamespaces: [team-a, team-b]
        platformCredentials: {secretName: platform-credentials}
        """);
    assertThat(install().withValuesFile(namespaced).call().getOutput())
        .contains("watching team-a, team-b")
        .doesNotContain("No platform identity");
  }

  /** A client-only dry run: renders and validates as `helm install` does, without a cluster. */
  private static InstallCommand install() {
    return new Helm(Chart.DIR).install().withName(Chart.RELEASE).withNamespace(NAMESPACE).dryRun().clientOnly()
        .withKubeVersion(Chart.KUBE_VERSION);
  }

  private static void hasStandardLabels(HasMetadata object) {
    assertThat(object.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "wasabi-operator")
        .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
        .containsEntry("app.kubernetes.io/managed-by", "Helm")
        .containsEntry("helm.sh/chart", "wasabi-operator-0.1.0")
        .containsKey("app.kubernetes.io/version");
  }

  private static void isOperatorServiceAccount(Subject subject) {
    assertThat(subject.getKind()).isEqualTo("ServiceAccount");
    assertThat(subject.getName()).isEqualTo("wasabi-operator");
    assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
  }

  private static Set<Grant> leaseGrants(String leaseName) {
    return Set.of(
        new Grant("coordination.k8s.io", "leases", "", "create"),
        new Grant("coordination.k8s.io", "leases", leaseName, "get"),
        new Grant("coordination.k8s.io", "leases", leaseName, "patch"),
        new Grant("coordination.k8s.io", "leases", leaseName, "update"));
  }

  private static Grant platformSecretGrant(String name) {
    return new Grant("", "secrets", name, "get");
  }

  private static List<PolicyRule> allRules(List<HasMetadata> objects) {
    return Stream.concat(
            ofKind(objects, ClusterRole.class).stream().flatMap(r -> r.getRules().stream()),
            ofKind(objects, Role.class).stream().flatMap(r -> r.getRules().stream()))
        .toList();
  }

  /** What the operator's ServiceAccount may do: the rules bound to it, as the RBAC authorizer finds them. */
  private static Set<Grant> operatorGrants(List<HasMetadata> objects) {
    return grants(RbacPolicy.of(objects, ServiceAccountUser.ofDeployment(objects)).rules().stream()
        .map(BoundRule::rule).toList());
  }

  /** The ClusterRoles of the operator itself, leaving out those for people that aggregate into the built-in roles. */
  private static List<ClusterRole> operatorClusterRoles(List<HasMetadata> objects) {
    return ofKind(objects, ClusterRole.class).stream()
        .filter(role -> role.getMetadata().getLabels().keySet().stream().noneMatch(l -> l.startsWith(AGGREGATE_TO)))
        .toList();
  }

  @SafeVarargs
  private static Set<Grant> union(Set<Grant>... sets) {
    Set<Grant> all = new HashSet<>();
    for (Set<Grant> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }
}
