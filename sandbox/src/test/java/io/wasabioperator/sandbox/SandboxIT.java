package io.wasabioperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.apiserver.AdmittingStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: the sandbox comes up and a signed URL is fetched with HTTP 200. Its embedded API
 * keeps its objects in the tests' admitting store, so every write is judged as a real API server would.
 */
class SandboxIT {
  @Test
  void demoComesUpAndItsSignedUrlsWork(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    List<SandboxConsole.FetchResult> fetches = new CopyOnWriteArrayList<>();
    try (Sandbox sandbox = Sandbox.start(new PrintStream(console, true, StandardCharsets.UTF_8), List.of(),
        fetches::add, dir.resolve("kubeconfig"), AdmittingStore.ofProjectCrds())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> fetches.stream().map(SandboxConsole.FetchResult::resource)
          .distinct().count() == 3);
    }
    assertThat(fetches).allSatisfy(fetch -> assertThat(fetch.status()).as(fetch.resource()).isEqualTo(200));
    assertThat(fetches).anySatisfy(fetch -> {
      assertThat(fetch.method()).isEqualTo(HttpMethod.GET);
      assertThat(fetch.bytes()).isPositive();
    });
    assertThat(fetches).anySatisfy(fetch -> assertThat(fetch.method()).isEqualTo(HttpMethod.PUT));
    String shown = console.toString(StandardCharsets.UTF_8);
    assertThat(shown).contains("wsi/demo/demo", "Ready=True", "bucket policy for the bucket owner",
        "event Normal Issued", "5 of 5 HTTP 200");
    assertThat(shown).as("URLs are bearer credentials").doesNotContain("X-Amz-Signature");
  }

  @Test
  void appliesTheUsersOwnManifestsInstead(@TempDir Path dir) throws Exception {
    Path mine = dir.resolve("mine.yaml");
    Files.writeString(mine, """
        apiVersion: storage.wasabi-operator.io/v1alpha1
        kind: WasabiStorageIntegration
        metadata: {name: mine, namespace: demo}
        spec: {bucket: demo-slides, region: us-east-1, mode: ReadOnly, endpoint: "${S3_ENDPOINT}"}
        ---
        apiVersion: storage.wasabi-operator.io/v1alpha1
        kind: SignedUrlRequest
        metadata: {name: mine, namespace: demo}
        spec: {integrationRef: {name: mine}, key: images/tissue-2.png}
        """);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    List<SandboxConsole.FetchResult> fetches = new CopyOnWriteArrayList<>();
    try (Sandbox sandbox = Sandbox.start(new PrintStream(console, true, StandardCharsets.UTF_8), List.of(mine),
        fetches::add, dir.resolve("kubeconfig"), AdmittingStore.ofProjectCrds())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> !fetches.isEmpty());
    }
    assertThat(fetches).singleElement().satisfies(fetch -> {
      assertThat(fetch.resource()).isEqualTo("sur/demo/mine");
      assertThat(fetch.status()).isEqualTo(200);
    });
    assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("sur/demo/tissue-1");
  }
}
