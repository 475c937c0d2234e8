package io.wasabioperator.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.apiserver.AdmittedApiServer;
import io.wasabioperator.cli.Cli;
import io.wasabioperator.cli.Fixtures;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@AdmittedApiServer
class RenewCommandTest {
  KubernetesClient client;
  Cli cli;

  @BeforeEach
  void requests() {
    cli = new Cli(client);
    Fixtures.create(client, Fixtures.request("a", "x/a.jpg", Map.of("team", "a")), null);
    Fixtures.create(client, Fixtures.request("b", "x/b.jpg", Map.of("team", "a")), null);
    Fixtures.create(client, Fixtures.request("c", "x/c.jpg", Map.of("team", "b")), null);
  }

  private String annotation(String name) {
    SignedUrlRequest request = client.resources(SignedUrlRequest.class).inNamespace("demo").withName(name).get();
    return request.getMetadata().getAnnotations() == null ? null
        : request.getMetadata().getAnnotations().get(SignedUrlRequest.RENEW_REQUESTED_AT);
  }

  @Test
  void eachRequestGetsANewValueEachTime() {
    Cli.Run run = cli.run("renew", "sur/a", "sur/b", "-n", "demo");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("signedurlrequest.storage.wasabi-operator.io/a renewal requested (" 
        + SignedUrlRequest.RENEW_REQUESTED_AT + "=2026-03-02T10:00:00Z-");
    String a = annotation("a");
    String b = annotation("b");
    assertThat(a).startsWith("2026-03-02T10:00:00Z-").isNotEqualTo(b);
    assertThat(annotation("c")).isNull();
    Set<String> values = new HashSet<>(Set.of(a, b));
    cli.run("renew", "sur", "a", "-n", "demo");
    assertThat(values.add(annotation("a"))).as("a second renewal of a, at the same instant, is a new value").isTrue();
  }

  @Test
  void allWithASelector() {
    Cli.Run run = cli.run("renew", "--all", "-l", "team=a", "-n", "demo");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).hasSize(2);
    assertThat(annotation("a")).isNotNull().isNotEqualTo(annotation("b"));
    assertThat(annotation("c")).isNull();
    assertThat(cli.run("renew", "--all", "-A").out().lines()).hasSize(3);
    Cli.Run none = cli.run("renew", "--all", "-l", "team=z", "-n", "demo");
    assertThat(none.exitCode()).isZero();
    assertThat(none.err()).isEqualTo("No resources found in demo namespace.\n");
  }

  @Test
  void missingOnesFailTheRunButOthersAreRenewed() {
    Cli.Run run = cli.run("renew", "sur/a", "sur/nope", "-n", "demo");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("Error from server (NotFound): signedurlrequests \"nope\" not found\n");
    assertThat(annotation("a")).isNotNull();
  }

  @Test
  void theTypeThenNamesFormRenewsEachAndFailsOnlyForAMissingOne() {
    Cli.Run run = cli.run("renew", "sur", "a", "b", "-n", "demo");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).hasSize(2);
    assertThat(annotation("a")).isNotNull();
    assertThat(annotation("b")).isNotNull();
    assertThat(annotation("c")).isNull();
    Cli.Run missing = cli.run("renew", "sur", "a", "nope", "c", "-n", "demo");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("Error from server (NotFound): signedurlrequests \"nope\" not found\n");
    assertThat(missing.out().lines()).hasSize(2);
    assertThat(annotation("c")).isNotNull();
  }

  @Test
  void aTypeWordAmongSlashedNamesShowsThisCommandInItsExample() {
    Cli.Run run = cli.run("renew", "sur/a", "b", "-n", "demo");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("(e.g. 'kubectl wasabi renew sur/b')");
  }

  @Test
  void usageErrors() {
    Cli.Run neither = cli.run("renew", "-n", "demo");
    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err()).startsWith("error: name the requests (sur/NAME...) or use --all\n");
    Cli.Run both = cli.run("renew", "sur/a", "--all", "-n", "demo");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).startsWith("error: name the requests (sur/NAME...) or use --all, not both\n");
    assertThat(cli.run("renew", "sur/a", "-l", "team=a", "-n", "demo").exitCode()).isEqualTo(2);
    assertThat(cli.run("renew", "wsi/a", "-n", "demo").exitCode()).isEqualTo(1);
  }
}
