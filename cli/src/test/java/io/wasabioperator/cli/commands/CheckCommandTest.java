package io.wasabioperator.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.wasabioperator.api.PlatformGrantSpec;
import io.wasabioperator.api.WasabiPlatformGrant;
import io.wasabioperator.apiserver.AdmittedApiServer;
import io.wasabioperator.cli.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@AdmittedApiServer
class CheckCommandTest {
  private static final Path CRDS = Path.of(System.getProperty("crds", "../crds"));

  KubernetesClient client;
  KubernetesMockServer server;
  Cli cli;

  @BeforeEach
  void cluster() throws IOException {
    cli = new Cli(client);
    try (Stream<Path> files = Files.list(CRDS)) {
      for (Path file : files.toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          client.load(in).items().forEach(crd -> client.resource(crd).create());
        }
      }
    }
  }

  private void operator(EnvVar... env) {
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName("wasabi-operator").withNamespace("wasabi-operator")
        .addToLabels("app.kubernetes.io/name", "wasabi-operator").endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "x").endSelector()
        .withNewTemplate().withNewSpec().addNewContainer().withName("operator").withImage("wasabi-operator")
        .withEnv(env).endContainer().endSpec().endTemplate().endSpec().build();
    Deployment created = client.resource(deployment).create();
    created.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(1)
        .withReadyReplicas(1).build());
    client.resource(created).updateStatus();
  }

  private static List<EnvVar> chartEnv() {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVarBuilder().withName("WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET")
        .withValue("wasabi-operator/platform-credentials").build());
    env.add(new EnvVarBuilder().withName("WASABI_OPERATOR_PLATFORM_GRANTS").withValue("[]").build());
    env.add(new EnvVarBuilder().withName("WASABI_OPERATOR_LEADER_ELECTION_NAMESPACE").withNewValueFrom()
        .withNewFieldRef().withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build());
    env.add(new EnvVarBuilder().withName("WASABI_OPERATOR_LEADER_ELECTION_LEASE_NAME").withValue("my-leader").build());
    return env;
  }

  private void lease(String namespace, String name, long renewedSecondsAgo) {
    client.resource(new LeaseBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec().withHolderIdentity("wasabi-operator-7d9f-abc").withLeaseDurationSeconds(15)
        .withRenewTime(Cli.NOW.minusSeconds(renewedSecondsAgo).atZone(ZoneOffset.UTC)).endSpec().build()).create();
  }

  private void grant() {
    WasabiPlatformGrant grant = new WasabiPlatformGrant();
    grant.getMetadata().setName("team-a");
    PlatformGrantSpec spec = new PlatformGrantSpec();
    spec.setNamespaces(List.of("demo"));
    spec.setBuckets(List.of("customer-a"));
    grant.setSpec(spec);
    client.resource((HasMetadata) grant).create();
  }

  @Test
  void aHealthyInstallationPasses() {
    operator(chartEnv().toArray(EnvVar[]::new));
    lease("wasabi-operator", "my-leader", 3);
    grant();
    Cli.Run run = cli.run("check");
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).isEqualTo("""
        OK    CRD wasabistorageintegrations.storage.wasabi-operator.io serves and stores v1alpha1
        OK    CRD signedurlrequests.storage.wasabi-operator.io serves and stores v1alpha1
        OK    CRD wasabiplatformgrants.storage.wasabi-operator.io serves and stores v1alpha1
        OK    operator Deployment wasabi-operator/wasabi-operator 1/1 ready
        OK    Lease wasabi-operator/my-leader held by wasabi-operator-7d9f-abc, renewed 3s ago
        OK    the platform identity is granted: 1 WasabiPlatformGrant(s)
        """);
  }

  @Test
  void aStaleLeaseFails() {
    operator(chartEnv().toArray(EnvVar[]::new));
    lease("wasabi-operator", "my-leader", 60);
    grant();
    Cli.Run run = cli.run("check");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  Lease wasabi-operator/my-leader is held by wasabi-operator-7d9f-abc but was "
        + "last renewed 1m ago (lease duration 15s)\n      what to do: the leader has stopped renewing");
    assertThat(cli.at(Cli.NOW.minusSeconds(50)).run("check").exitCode()).as("50s earlier it was fresh").isZero();
  }

  @Test
  void aLeaseIsFreshUntilItsDurationAndTheSlackHavePassed() {
    operator(chartEnv().toArray(EnvVar[]::new));
    lease("wasabi-operator", "my-leader", 15 + 5);
    grant();
    Cli.Run atTheBoundary = cli.run("check");
    assertThat(atTheBoundary.exitCode()).as(atTheBoundary.out()).isZero();
    assertThat(atTheBoundary.out()).contains("OK    Lease wasabi-operator/my-leader held by wasabi-operator-7d9f-abc, "
        + "renewed 20s ago");
    Cli.Run aSecondLater = cli.at(Cli.NOW.plusSeconds(1)).run("check");
    assertThat(aSecondLater.exitCode()).isEqualTo(1);
    assertThat(aSecondLater.out()).contains("FAIL  Lease wasabi-operator/my-leader is held by wasabi-operator-7d9f-abc "
        + "but was last renewed 21s ago (lease duration 15s)");
  }

  @Test
  void aForbiddenListIsOneFailedCheckAndTheOthersStillRun() {
    server.expect().get().withPath("/apis/apps/v1/deployments?labelSelector=app.kubernetes.io%2Fname%3Dwasabi-operator")
        .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
            .withMessage("deployments.apps is forbidden").build())
        .always();
    lease("ops", "custom", 1);
    Cli.Run run = cli.run("check", "--lease", "ops/custom");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("""
        OK    CRD wasabistorageintegrations.storage.wasabi-operator.io serves and stores v1alpha1
        OK    CRD signedurlrequests.storage.wasabi-operator.io serves and stores v1alpha1
        OK    CRD wasabiplatformgrants.storage.wasabi-operator.io serves and stores v1alpha1
        FAIL  cannot list Deployments in all namespaces: Forbidden
              what to do: name the operator's namespace with -n, or ask for list on deployments
        OK    Lease ops/custom held by wasabi-operator-7d9f-abc, renewed 1s ago
        SKIP  the platform identity's grants: unknown without the operator's Deployment
        """);
  }

  @Test
  void aLeaseNotNamedAsNamespaceSlashNameIsAUsageError() {
    for (String lease : List.of("custom", "ops/", "/custom", "a/b/c", "/")) {
      Cli.Run run = cli.run("check", "--lease", lease);
      assertThat(run.exitCode()).as(lease).isEqualTo(2);
      assertThat(run.err()).as(lease).startsWith("error: Invalid value for option '--lease': '" + lease
          + "' is not NAMESPACE/NAME, such as wasabi-operator/");
    }
  }

  @Test
  void aMissingCrdFails() {
    client.apiextensions().v1().customResourceDefinitions()
        .withName("wasabiplatformgrants.storage.wasabi-operator.io").delete();
    operator();
    Cli.Run run = cli.run("check");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  CRD wasabiplatformgrants.storage.wasabi-operator.io is not installed\n"
        + "      what to do: install the CRDs")
        .contains("SKIP  leader election is off in wasabi-operator/wasabi-operator: no Lease to check")
        .contains("SKIP  the platform identity is not configured");
  }

  @Test
  void thePlatformIdentityWithoutGrantsFails() {
    operator(chartEnv().toArray(EnvVar[]::new));
    lease("wasabi-operator", "my-leader", 3);
    Cli.Run run = cli.run("check");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  the platform identity is configured but nothing grants it to anyone\n"
        + "      what to do: integrations on it turn PlatformIdentityNotGranted");
  }

  @Test
  void noOperatorAndANamedLease() {
    lease("ops", "custom", 1);
    Cli.Run run = cli.run("check", "-n", "ops", "--lease", "ops/custom");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  no operator Deployment (label app.kubernetes.io/name=wasabi-operator) in "
        + "namespace ops").contains("OK    Lease ops/custom held by");
    assertThat(cli.run("check", "--lease", "custom").exitCode()).isEqualTo(2);
  }
}
