package io.wasabioperator.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import io.wasabioperator.apiserver.AdmittedApiServer;
import io.wasabioperator.cli.Cli;
import io.wasabioperator.cli.Fixtures;
import io.wasabioperator.integration.BucketPolicyRenderer;
import io.wasabioperator.integration.PolicyStatementIds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@AdmittedApiServer
class PolicyCommandTest {
  private static final String PRINCIPAL = "arn:aws:iam::100000274636:user/darwin";
  private static final String OURS = BucketPolicyRenderer.render("customer-a", "slides/", AccessMode.ReadOnly, true,
      PRINCIPAL);

  KubernetesClient client;
  Cli cli;

  @TempDir
  Path dir;

  @BeforeEach
  void integrations() {
    cli = new Cli(client);
    Fixtures.create(client, Fixtures.integration("slides", AccessMode.ReadOnly, "slides", true), wsi -> {
      wsi.setStatus(new WasabiStorageIntegrationStatus());
      wsi.getStatus().setBucketPolicy(OURS);
    });
    Fixtures.create(client, Fixtures.integration("fresh", AccessMode.ReadOnly, null, false), null);
  }

  @Test
  void printsTheRenderedPolicyPretty() throws Exception {
    Cli.Run run = cli.run("policy", "wsi/slides", "-n", "demo");
    assertThat(run.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(run.out())).isEqualTo(new ObjectMapper().readTree(OURS));
    assertThat(run.out()).startsWith("{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"PolicyForExternalAccess\",\n"
        + "  \"Statement\": [\n    {\n      \"Sid\": \"" + PolicyStatementIds.objects(AccessMode.ReadOnly, "slides/"));
  }

  @Test
  void mergesIntoTheOwnersPolicyKeepingTheirStatements() throws Exception {
    String theirs = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Backup\",\"Effect\":\"Allow\",\"Principal\":"
        + "{\"AWS\":\"arn:aws:iam::123456789012:user/backup\"},\"Action\":\"s3:GetObject\",\"Resource\":"
        + "\"arn:aws:s3:::customer-a/*\"}]}";
    Path file = Files.writeString(dir.resolve("theirs.json"), theirs);
    Cli.Run run = cli.run("policy", "wasabistorageintegration", "slides", "-n", "demo", "--merge-into", file.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode merged = new ObjectMapper().readTree(run.out());
    assertThat(merged.get("Statement")).hasSize(3);
    assertThat(merged.get("Statement").get(0).get("Sid").asText()).isEqualTo("Backup");
    assertThat(merged.get("Statement").get(1).get("Sid").asText())
        .isEqualTo(PolicyStatementIds.objects(AccessMode.ReadOnly, "slides/"));
  }

  @Test
  void readsTheOwnersPolicyFromStandardInput() throws Exception {
    Cli.Run run = cli.input("{\"Statement\":[]}").run("policy", "wsi/slides", "-n", "demo", "--merge-into", "-");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("Statement")).hasSize(2);
  }

  @Test
  void aSidClashIsRefusedAndNothingIsPrinted() throws Exception {
    String sid = PolicyStatementIds.objects(AccessMode.ReadOnly, "slides/");
    Path file = Files.writeString(dir.resolve("theirs.json"), "{\"Statement\":[{\"Sid\":\"" + sid + "\",\"Effect\":"
        + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:user/someone\"},\"Action\":\"s3:*\","
        + "\"Resource\":\"arn:aws:s3:::customer-a/*\"}]}");
    Cli.Run run = cli.run("policy", "wsi/slides", "-n", "demo", "--merge-into", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: cannot merge into " + file + ": ").contains("Sid " + sid);
  }

  @Test
  void aMergeWaitsUntilTheOperatorHasRenderedTheCurrentSpec() throws Exception {
    Fixtures.create(client, Fixtures.integration("moved", AccessMode.ReadOnly, "slides", false), wsi -> {
      wsi.setStatus(new WasabiStorageIntegrationStatus());
      wsi.getStatus().setObservedGeneration(1L);
      wsi.getStatus().setBucketPolicy(OURS);
    });
    WasabiStorageIntegration moved = client.resources(WasabiStorageIntegration.class).inNamespace("demo")
        .withName("moved").edit(wsi -> {
          wsi.getSpec().setAccessPrefix("new-folder");
          return wsi;
        });
    assertThat(moved.getMetadata().getGeneration()).as("the API server counts spec changes").isEqualTo(2L);
    Path file = Files.writeString(dir.resolve("theirs.json"), "{\"Statement\":[]}");
    Cli.Run run = cli.run("policy", "wsi/moved", "-n", "demo", "--merge-into", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: cannot merge into " + file + ": the operator has not rendered the policy "
        + "for the current spec yet (observedGeneration 1 < generation 2): wait for it, e.g. kubectl wait "
        + "--for=jsonpath='{.status.observedGeneration}'=2 wsi/moved -n demo\n");
    Cli.Run printed = cli.run("policy", "wsi/moved", "-n", "demo");
    assertThat(printed.exitCode()).as("printing it only warns").isZero();
    assertThat(printed.err()).startsWith("warning: the operator has not yet handled the latest spec of wsi/moved");
  }

  @Test
  void malformedOwnerPolicyIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("theirs.json"), "Version: 2012-10-17");
    Cli.Run run = cli.run("policy", "wsi/slides", "-n", "demo", "--merge-into", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("the policy is not JSON");
    Cli.Run missing = cli.run("policy", "wsi/slides", "-n", "demo", "--merge-into", dir.resolve("none").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("error: cannot read ");
  }

  @Test
  void aPolicyNotRenderedYetIsAnError() {
    Cli.Run run = cli.run("policy", "wsi/fresh", "-n", "demo");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: the bucket policy of wsi/fresh is not rendered yet");
  }

  @Test
  void notFoundAndWrongKindAreErrors() {
    Cli.Run missing = cli.run("policy", "wsi/nope", "-n", "demo");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("Error from server (NotFound): wasabistorageintegrations \"nope\" not found\n");
    assertThat(cli.run("policy", "sur/x", "-n", "demo").err()).contains("belongs to an integration");
    assertThat(cli.run("policy", "pods/x", "-n", "demo").err()).contains("doesn't have a resource type \"pods\"");
  }
}
