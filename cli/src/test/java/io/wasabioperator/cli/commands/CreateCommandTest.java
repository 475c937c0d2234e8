package io.wasabioperator.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.apiserver.AdmittedApiServer;
import io.wasabioperator.cli.Cli;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.time.GoDuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@AdmittedApiServer
class CreateCommandTest {
  KubernetesClient client;
  KubernetesMockServer server;
  Cli cli;

  @BeforeEach
  void cli() {
    cli = new Cli(client);
  }

  @Test
  void aClientDryRunPrintsAManifestThatReadsBackAndCreatesNothing() throws Exception {
    Cli.Run run = Cli.offline().run("create", "integration", "slides", "--bucket", "customer-a", "--region",
        "eu-central-2", "--mode", "readonly", "--access-prefix", "slides/", "--mirax", "-n", "demo",
        "--dry-run=client", "-o", "yaml");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("""
        apiVersion: storage.wasabi-operator.io/v1alpha1
        kind: WasabiStorageIntegration
        metadata:
          name: slides
          namespace: demo
        spec:
          bucket: customer-a
          region: eu-central-2
          mode: ReadOnly
          accessPrefix: slides/
          mirax: true
        """);
    WasabiStorageIntegration parsed = new YAMLMapper().readValue(run.out(), WasabiStorageIntegration.class);
    assertThat(parsed.getSpec().getMode()).isEqualTo(AccessMode.ReadOnly);
    assertThat(Cli.offline().run("create", "url", "u", "--integration", "slides", "--key", "a.jpg", "--dry-run")
        .out()).isEqualTo("signedurlrequest.storage.wasabi-operator.io/u created (dry run)\n");
  }

  @Test
  void createsInTheCluster() {
    Cli.Run run = cli.run("create", "url", "slide-url", "--integration", "slides", "--key", "slides/a.jpg",
        "--method", "PUT", "--content-type", "image/jpeg", "--duration", "2h", "-n", "demo");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("signedurlrequest.storage.wasabi-operator.io/slide-url created\n");
    SignedUrlRequest created = client.resources(SignedUrlRequest.class).inNamespace("demo").withName("slide-url").get();
    assertThat(created.getSpec().getMethod()).isEqualTo(HttpMethod.PUT);
    assertThat(created.getSpec().getDuration()).isEqualTo("2h");
    assertThat(cli.run("create", "integration", "i", "--bucket", "customer-a", "--region", "us-east-1", "--mode",
        "ReadWrite", "-n", "demo").out()).isEqualTo("wasabistorageintegration.storage.wasabi-operator.io/i created\n");
  }

  @Test
  void aServerDryRunSendsOneRequestAndItCarriesDryRunAll() throws Exception {
    int before = server.getRequestCount();
    Cli.Run run = cli.run("create", "url", "checked", "--integration", "slides", "--key", "a.jpg", "-n", "demo",
        "--dry-run=server");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("signedurlrequest.storage.wasabi-operator.io/checked created (server dry run)\n");
    // The mock's CRUD mode does not implement dry runs (it stores the object anyway), so what is checked is the
    // plugin's side of the contract: one request, a create that asks the API server for a dry run, and no other.
    assertThat(server.getRequestCount() - before).isEqualTo(1);
    RecordedRequest sent = server.getLastRequest();
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getPath()).isEqualTo("/apis/storage.wasabi-operator.io/v1alpha1/namespaces/demo/signedurlrequests"
        + "?dryRun=All");
  }

  @Test
  void invalidSpecsAreRefusedAsTheOperatorWould() {
    Cli.Run dots = cli.run("create", "integration", "i", "--bucket", "customer.a", "--region", "us-east-1",
        "--mode", "ReadWrite", "-n", "demo");
    assertThat(dots.exitCode()).isEqualTo(1);
    assertThat(dots.err()).startsWith("error: BucketNameContainsDots: spec.bucket 'customer.a' contains a dot");
    Cli.Run region = cli.run("create", "integration", "i", "--bucket", "customer-a", "--region", "EU-Central-2",
        "--mode", "ReadWrite", "-n", "demo");
    assertThat(region.err()).startsWith("error: UnknownRegion: ").contains("did you mean");
    Cli.Run tooLong = cli.run("create", "url", "u", "--integration", "i", "--key", "a.jpg", "--duration", "9h",
        "-n", "demo", "--dry-run=client", "-o", "yaml");
    assertThat(tooLong.exitCode()).isEqualTo(1);
    assertThat(tooLong.out()).isEmpty();
    assertThat(tooLong.err()).startsWith("error: DurationTooLong: ");
    assertThat(client.resources(WasabiStorageIntegration.class).inNamespace("demo").list().getItems()).isEmpty();
    assertThat(cli.run("create", "url", "u", "--integration", "i", "--key", "a.jpg", "--duration", "9h",
        "-n", "demo", "--validate=false").exitCode()).isZero();
  }

  @Test
  void theDefaultDurationShownIsTheOperators() {
    assertThat(CreateCommand.DEFAULT_MAX_URL_DURATION)
        .isEqualTo(GoDuration.format(OperatorConfig.DEFAULT_MAX_URL_DURATION));
  }

  @Test
  void usageErrors() {
    assertThat(Cli.offline().run("create", "integration", "i", "--bucket", "b").exitCode()).isEqualTo(2);
    assertThat(Cli.offline().run("create", "integration", "i", "--bucket", "bbb", "--region", "us-east-1", "--mode",
        "Sometimes").exitCode()).isEqualTo(2);
    assertThat(Cli.offline().run("create", "url", "u", "--integration", "i", "--key", "k", "--dry-run=client",
        "-o", "wide").exitCode()).isEqualTo(2);
    assertThat(Cli.offline().run("create").exitCode()).isEqualTo(2);
    assertThat(Cli.offline().run("create", "url", "Bad_Name", "--integration", "i", "--key", "k", "--dry-run")
        .exitCode()).isEqualTo(1);
  }
}
