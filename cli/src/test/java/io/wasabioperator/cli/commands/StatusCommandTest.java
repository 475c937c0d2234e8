package io.wasabioperator.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.PermissionState;
import io.wasabioperator.api.Permissions;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import io.wasabioperator.apiserver.AdmittedApiServer;
import io.wasabioperator.cli.Cli;
import io.wasabioperator.cli.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@AdmittedApiServer
class StatusCommandTest {
  KubernetesClient client;
  KubernetesMockServer server;
  Cli cli;

  @BeforeEach
  void objects() {
    cli = new Cli(client);
    WasabiStorageIntegration wsi = Fixtures.create(client,
        Fixtures.integration("slides", AccessMode.ReadOnly, "slides/", true), created -> {
          WasabiStorageIntegrationStatus status = new WasabiStorageIntegrationStatus();
          status.setObservedGeneration(1L);
          status.setStorageName("customer-a");
          status.setEndpoint("https://s3.eu-central-2.wasabisys.com");
          status.setPermissions(new Permissions(PermissionState.Denied, PermissionState.NotRequired,
              PermissionState.Verified));
          status.setConditions(List.of(
              Fixtures.condition("Validated", "True", "Valid", "the spec is valid", Cli.NOW.minusSeconds(3600)),
              Fixtures.condition("AccessVerified", "False", "AccessDenied",
                  "s3:GetObject denied on slides/x", Cli.NOW.minusSeconds(300)),
              Fixtures.condition("Ready", "False", "AccessDenied", "s3:GetObject denied on slides/x",
                  Cli.NOW.minusSeconds(300))));
          created.setStatus(status);
        });
    for (int i = 0; i < 12; i++) {
      Fixtures.event(client, wsi, "slides.e" + i, "Warning", "AccessDenied", "probe " + i,
          Cli.NOW.minusSeconds(1200 - i * 60L));
    }
    SignedUrlRequest sur = Fixtures.create(client, Fixtures.request("slide-url", "slides/a.jpg", Map.of()),
        created -> {
          SignedUrlRequestStatus status = new SignedUrlRequestStatus();
          status.setSecretName("slide-url");
          status.setRevision(3L);
          status.setObjectCount(1);
          status.setNotBefore(Cli.NOW.minus(Duration.ofMinutes(48)).toString());
          status.setNotAfter(Cli.NOW.plus(Duration.ofHours(3).plusMinutes(12)).toString());
          status.setRenewalTime(Cli.NOW.plus(Duration.ofHours(1).plusMinutes(52)).toString());
          status.setConditions(List.of(
              Fixtures.condition("Ready", "True", "Issued", "revision 3 signed", Cli.NOW.minusSeconds(2880)),
              Fixtures.condition("Issuing", "False", "Issued", "revision 3 signed: the spec changed",
                  Cli.NOW.minusSeconds(2880))));
          created.setStatus(status);
        });
    Fixtures.event(client, sur, "slide-url.e1", "Normal", "Issued", "revision 3 signed", Cli.NOW.minusSeconds(2880));
  }

  @Test
  void anIntegrationShowsConditionsWithWhatToDoPermissionsAndRecentEvents() {
    Cli.Run run = cli.run("status", "wsi/slides", "-n", "demo");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("WasabiStorageIntegration demo/slides\nSpec:\n  bucket: customer-a\n")
        .contains("  accessPrefix: slides/\n", "  credentialsSecret: (platform identity)\n",
            "  endpoint: https://s3.eu-central-2.wasabisys.com\n", "Permissions:\n  read: Denied\n",
            "  AccessVerified=False  AccessDenied  (5m ago)\n      s3:GetObject denied on slides/x\n"
                + "      what to do: the message names each denied action and key: attach `status.bucketPolicy`\n",
            "  Ready=False  AccessDenied  (5m ago)\n", "Events:\n  18m ago  Warning  AccessDenied  probe 2\n",
            "  9m ago  Warning  AccessDenied  probe 11\n")
        .doesNotContain("probe 1\n", "what to do: nothing");
  }

  @Test
  void aRequestShowsExpiryAndNextRenewal() {
    Cli.Run run = cli.run("status", "sur", "slide-url", "--namespace=demo");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("SignedUrlRequest demo/slide-url\n")
        .contains("  integration: slides\n", "  method: GET (default)\n", "  revision: 3\n",
            "  urlExpiry: 2026-03-02T13:12:00Z (in 3h12m)\n", "  nextRenewal: 2026-03-02T11:52:00Z (in 1h52m)\n",
            "  Ready=True  Issued  (48m ago)\n", "  48m ago  Normal  Issued  revision 3 signed\n")
        .doesNotContain("probe");
  }

  @Test
  void yamlAndJsonCarryTheSameFacts() throws Exception {
    Cli.Run yaml = cli.run("status", "signedurlrequests/slide-url", "-n", "demo", "-o", "yaml");
    JsonNode fromYaml = new YAMLMapper().readTree(yaml.out());
    assertThat(fromYaml.at("/effective/urlExpiry/relative").asText()).isEqualTo("in 3h12m");
    assertThat(fromYaml.at("/conditions/0/reason").asText()).isEqualTo("Issued");
    Cli.Run json = cli.run("status", "wsi/slides", "-n", "demo", "-o", "json");
    JsonNode fromJson = new ObjectMapper().readTree(json.out());
    assertThat(fromJson.at("/conditions/1/whatToDo/0").asText()).startsWith("the message names each denied");
    assertThat(fromJson.at("/permissions/list").asText()).isEqualTo("Verified");
    assertThat(fromJson.get("events")).hasSize(10);
  }

  @Test
  void eventsThatCannotBeListedDoNotHideTheState() throws Exception {
    server.expect().get().withPath("/apis/events.k8s.io/v1/namespaces/demo/events")
        .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
            .withMessage("events.events.k8s.io is forbidden").build())
        .always();
    Cli.Run run = cli.run("status", "wsi/slides", "-n", "demo");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("  Ready=False  AccessDenied  (5m ago)\n")
        .endsWith("\nEvents: <unavailable: Forbidden>\n");
    JsonNode json = new ObjectMapper().readTree(cli.run("status", "wsi/slides", "-n", "demo", "-o", "json").out());
    assertThat(json.get("eventsUnavailable").asText()).isEqualTo("Forbidden");
    assertThat(json.has("events")).isFalse();
  }

  @Test
  void errorsAreKubectls() {
    Cli.Run missing = cli.run("status", "sur/nope", "-n", "demo");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).isEqualTo("Error from server (NotFound): signedurlrequests \"nope\" not found\n");
    Cli.Run unknownType = cli.run("status", "pod/x", "-n", "demo");
    assertThat(unknownType.exitCode()).isEqualTo(1);
    assertThat(unknownType.err()).startsWith("error: the server doesn't have a resource type \"pod\"");
    Cli.Run unknownFlag = cli.run("status", "sur/slide-url", "--bogus");
    assertThat(unknownFlag.exitCode()).isEqualTo(2);
    assertThat(unknownFlag.err()).contains("Unknown option: '--bogus'").contains("See 'kubectl wasabi status --help'");
    assertThat(cli.run("status").exitCode()).isEqualTo(2);
    assertThat(cli.run("status", "sur/slide-url", "-o", "wide").exitCode()).isEqualTo(2);
    assertThat(cli.run("stat").exitCode()).isEqualTo(2);
  }

  @Test
  void optionsBeforeTheCommandCountToo() {
    assertThat(cli.run("-n", "demo", "status", "wsi/slides").exitCode()).isZero();
  }
}
