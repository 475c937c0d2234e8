package io.wasabioperator.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.apiserver.AdmittedApiServer;
import io.wasabioperator.cli.Cli;
import io.wasabioperator.cli.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@AdmittedApiServer
class UrlCommandTest {
  private static final String ONE = "https://s3.eu-central-2.wasabisys.com/customer-a/x/a.jpg?X-Amz-Signature=1";
  private static final String SLIDE = "https://s3.eu-central-2.wasabisys.com/customer-a/x/s.mrxs?X-Amz-Signature=2";
  private static final String DAT = "https://s3.eu-central-2.wasabisys.com/customer-a/x/s/Data0000.dat?X-Amz-Signature=3";

  KubernetesClient client;
  Cli cli;

  @BeforeEach
  void requests() {
    cli = new Cli(client);
    Fixtures.create(client, Fixtures.request("one", "x/a.jpg", Map.of()), created -> {
      created.setStatus(new SignedUrlRequestStatus());
      created.getStatus().setSecretName("one-url");
    });
    Fixtures.secret(client, "one-url", Map.of("url", ONE, "expiresAt", "2026-03-02T13:00:00Z"));
    Fixtures.create(client, Fixtures.request("slide", "x/s.mrxs", Map.of()), null);
    Fixtures.secret(client, "slide", Map.of("url", SLIDE, "expiresAt", "2026-03-02T13:00:00Z",
        "urls.json", "{\"x/s.mrxs\":\"" + SLIDE + "\",\"x/s/Data0000.dat\":\"" + DAT + "\"}"));
    Fixtures.create(client, Fixtures.request("withdrawn", "x/w.jpg", Map.of()), null);
    Fixtures.secret(client, "withdrawn", Map.of());
  }

  @Test
  void printsTheUrlOnly() {
    Cli.Run run = cli.run("url", "sur/one", "-n", "demo");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(ONE + "\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void miraxPrintsEveryKeyOrOne() throws Exception {
    assertThat(cli.run("url", "sur/slide", "-n", "demo").out())
        .isEqualTo("x/s.mrxs\t" + SLIDE + "\nx/s/Data0000.dat\t" + DAT + "\n");
    assertThat(cli.run("url", "sur/slide", "-n", "demo", "--key", "x/s/Data0000.dat").out()).isEqualTo(DAT + "\n");
    assertThat(new ObjectMapper().readTree(cli.run("url", "sur/slide", "-n", "demo", "-o", "json").out())
        .get("x/s/Data0000.dat").asText()).isEqualTo(DAT);
    Cli.Run unknown = cli.run("url", "sur/slide", "-n", "demo", "--key", "x/none");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("x/s/Data0000.dat").doesNotContain("Signature");
  }

  @Test
  void anExpiredUrlIsPrintedWithAWarning() {
    Cli.Run run = cli.at(Cli.NOW.plusSeconds(4 * 3600)).run("url", "sur/one", "-n", "demo");
    assertThat(run.out()).isEqualTo(ONE + "\n");
    assertThat(run.err()).isEqualTo("warning: the URL expired at 2026-03-02T13:00:00Z\n");
  }

  @Test
  void noUrlIsAnError() {
    Cli.Run run = cli.run("url", "sur/withdrawn", "-n", "demo");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: the Secret withdrawn holds no valid URL now");
    assertThat(cli.run("url", "sur/nope", "-n", "demo").exitCode()).isEqualTo(1);
  }
}
