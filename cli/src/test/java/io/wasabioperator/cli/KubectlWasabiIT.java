package io.wasabioperator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import io.wasabioperator.apiserver.AdmittedApiServer;
import io.wasabioperator.integration.BucketPolicyRenderer;
import io.wasabioperator.status.ReasonGuide;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built plugin as kubectl runs it: the script, the jar and lib/, the Krew archive and manifest. */
@AdmittedApiServer
class KubectlWasabiIT {
  private static final Path DIR = Path.of(System.getProperty("pluginDir", "target")).toAbsolutePath();
  private static final Path SCRIPT = DIR.resolve("kubectl-wasabi");

  KubernetesClient client;

  @TempDir
  Path temp;

  private record Result(int exitCode, String out, String err) {}

  private static Result run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  private static String expectedReady() {
    ReasonGuide.Row row = ReasonGuide.INTEGRATION.stream().filter(r -> r.reasons().equals("`Ready`")).findFirst()
        .orElseThrow();
    return "WasabiStorageIntegration, condition Ready, reason `Ready`\n  " + row.whatToDo() + "\n";
  }

  @Test
  void theScriptRunsThePlugin() throws Exception {
    assertThat(Files.isExecutable(SCRIPT)).isTrue();
    Result help = run(Map.of(), SCRIPT.toString(), "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: kubectl wasabi");
    Result explain = run(Map.of(), SCRIPT.toString(), "explain", "Ready");
    assertThat(explain.exitCode()).as(explain.err()).isZero();
    assertThat(explain.out()).isEqualTo(expectedReady());
    assertThat(run(Map.of(), SCRIPT.toString(), "explain", "--bogus").exitCode()).isEqualTo(2);
  }

  /** A copy of the built plugin, as Krew installs it, so that its archive starts absent. */
  private Path installedCopy() throws IOException {
    Path copy = Files.createDirectories(temp.resolve("installed/lib"));
    for (String file : List.of("kubectl-wasabi", "kubectl-wasabi.jar")) {
      Files.copy(DIR.resolve(file), copy.resolveSibling(file), StandardCopyOption.COPY_ATTRIBUTES);
    }
    try (var libs = Files.list(DIR.resolve("lib"))) {
      for (Path lib : libs.toList()) {
        Files.copy(lib, copy.resolve(lib.getFileName()));
      }
    }
    return copy.resolveSibling("kubectl-wasabi");
  }

  @Test
  void theFirstRunWritesTheClassArchiveThatLaterRunsUseAndANewerJarWritesItAgain() throws Exception {
    Path script = installedCopy();
    Path archive = script.resolveSibling("kubectl-wasabi.jsa");
    Result first = run(Map.of(), script.toString(), "explain", "Ready");
    assertThat(first.out()).isEqualTo(expectedReady());
    assertThat(first.err()).as("the archive is written quietly").isEmpty();
    assertThat(archive).as("written by the first run").isNotEmptyFile();
    try (var left = Files.list(script.getParent())) {
      assertThat(left.map(path -> path.getFileName().toString())).as("no partial archive left behind")
          .containsExactlyInAnyOrder("kubectl-wasabi", "kubectl-wasabi.jar", "kubectl-wasabi.jsa", "lib");
    }
    long trainedSize = Files.size(archive);
    FileTime written = Files.getLastModifiedTime(archive);

    Result later = run(Map.of(), script.toString(), "explain", "Ready");
    assertThat(later.out()).isEqualTo(expectedReady());
    assertThat(later.err()).isEmpty();
    assertThat(Files.getLastModifiedTime(archive)).as("used, not written again").isEqualTo(written);
    assertThat(run(Map.of("WASABI_CDS", "off"), script.toString(), "explain", "Ready").out())
        .isEqualTo(expectedReady());

    Path jar = script.resolveSibling("kubectl-wasabi.jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(written.toMillis() + 60_000));
    run(Map.of(), script.toString(), "--help");
    assertThat(Files.getLastModifiedTime(archive)).as("a newer jar writes it again").isNotEqualTo(written);
    // explain needs no client; the archive still holds the client's classes, loaded for the other commands.
    assertThat(trainedSize).as("training loads more than explain needs").isGreaterThan(8L << 20);
  }

  @Test
  void throughASymlinkAsKrewInstallsIt() throws Exception {
    Path link = Files.createSymbolicLink(temp.resolve("kubectl-wasabi"), SCRIPT);
    assertThat(run(Map.of(), link.toString(), "explain", "Ready").out()).isEqualTo(expectedReady());
  }

  @Test
  void kubectlFindsThePluginOnPath() throws Exception {
    Path kubectl = Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(dir -> Path.of(dir, "kubectl"))
        .filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(kubectl != null, "kubectl is not on PATH: " + System.getenv("PATH"));
    Result result = run(Map.of("PATH", DIR + ":" + System.getenv("PATH")), kubectl.toString(), "wasabi", "explain",
        "Ready");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(expectedReady());
  }

  @Test
  void talksToAnApiServerThroughAKubeconfig() throws Exception {
    SignedUrlRequestStatus status = new SignedUrlRequestStatus();
    status.setNotAfter("2030-01-01T00:00:00Z");
    Fixtures.create(client, Fixtures.request("slide-url", "x/a.jpg", Map.of()), created -> created.setStatus(status));
    Path kubeconfig = kubeconfig();
    Result found = run(Map.of(), SCRIPT.toString(), "status", "sur/slide-url", "--kubeconfig", kubeconfig.toString());
    assertThat(found.exitCode()).as(found.err()).isZero();
    assertThat(found.out()).startsWith("SignedUrlRequest demo/slide-url\n").contains("urlExpiry: 2030-01-01T00:00:00Z");
    assertThat(found.err()).isEmpty();
    Result missing = run(Map.of("KUBECONFIG", kubeconfig.toString()), SCRIPT.toString(), "status", "sur/nope");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("Error from server (NotFound): signedurlrequests \"nope\" not found\n");
  }

  @Test
  void aMalformedKubeconfigInTheEnvironmentIsNamedButNotQuoted() throws Exception {
    Path broken = Files.writeString(temp.resolve("broken"), """
        apiVersion: v1
        kind: Config
        users:
        - name: u
          user:
            token: SECRET-TOKEN-XYZ: oops
        """);
    Result result = run(Map.of("KUBECONFIG", broken.toString()), SCRIPT.toString(), "status", "sur/x", "-v", "9");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: error loading config file \"" + broken + "\": yaml: line 6: "
        + "mapping values are not allowed here\n").doesNotContain("SECRET-TOKEN-XYZ");
  }

  /** Every command on the packaged class path (lib/ leaves out what the plugin must not need). */
  @Test
  void everyCommandRunsOnThePackagedClassPath() throws Exception {
    WasabiStorageIntegrationStatus integrationStatus = new WasabiStorageIntegrationStatus();
    integrationStatus.setBucketPolicy(BucketPolicyRenderer.render("customer-a", "", AccessMode.ReadOnly, false,
        "arn:aws:iam::100000274636:user/darwin"));
    Fixtures.create(client, Fixtures.integration("slides", AccessMode.ReadOnly, null, false),
        created -> created.setStatus(integrationStatus));
    Fixtures.create(client, Fixtures.request("slide-url", "x/a.jpg", Map.of()), null);
    Fixtures.secret(client, "slide-url", Map.of("url", "https://example.com/x/a.jpg?X-Amz-Signature=1"));
    Map<String, String> env = Map.of("KUBECONFIG", kubeconfig().toString());
    Map<List<String>, Integer> runs = new LinkedHashMap<>();
    runs.put(List.of("status", "wsi/slides"), 0);
    runs.put(List.of("policy", "wsi/slides"), 0);
    runs.put(List.of("renew", "sur/slide-url"), 0);
    runs.put(List.of("renew", "--all", "-A"), 0);
    runs.put(List.of("url", "sur/slide-url", "-o", "yaml"), 0);
    runs.put(List.of("create", "url", "u", "--integration", "slides", "--key", "x/b.jpg"), 0);
    runs.put(List.of("create", "integration", "i", "--bucket", "customer-a", "--region", "us-east-1", "--mode",
        "ReadOnly", "--dry-run=client", "-o", "json"), 0);
    runs.put(List.of("check", "--lease", "demo/none"), 1);
    runs.put(List.of("completion", "bash"), 0);
    for (Map.Entry<List<String>, Integer> expected : runs.entrySet()) {
      List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
      command.addAll(expected.getKey());
      Result result = run(env, command.toArray(String[]::new));
      assertThat(result.exitCode()).as(expected.getKey() + ": " + result.err()).isEqualTo(expected.getValue());
      assertThat(result.err()).as(expected.getKey().toString()).doesNotContain("NoClassDefFound", "Exception");
    }
  }

  private Path kubeconfig() throws IOException {
    return Files.writeString(temp.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
            insecure-skip-tls-verify: true
        contexts:
        - name: mock
          context:
            cluster: mock
            user: someone
            namespace: demo
        current-context: mock
        users:
        - name: someone
          user:
            token: not-checked
        """.formatted(client.getMasterUrl()));
  }

  @Test
  void theKrewManifestNamesTheArchive() throws Exception {
    Path archive = DIR.resolve("kubectl-wasabi.tar.gz");
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
    String manifest = Files.readString(DIR.resolve("krew/wasabi.yaml"));
    assertThat(manifest).contains("sha256: " + sha256 + "\n").contains("bin: kubectl-wasabi").doesNotContain("@");
    Map<String, Integer> modes = tarModes(archive);
    assertThat(modes).containsEntry("kubectl-wasabi", 0755).containsEntry("kubectl-wasabi.jar", 0644)
        .containsKey("lib/picocli-4.7.7.jar");
    assertThat(modes.keySet()).noneMatch(name -> name.contains("javaoperatorsdk") || name.contains("awssdk")
        || name.contains("logback") || name.contains("micrometer") || name.contains("vertx"));
  }

  /** Entry name to file mode, from a gzipped ustar archive. */
  private static Map<String, Integer> tarModes(Path archive) throws IOException {
    Map<String, Integer> modes = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
        String name = field(header, 0, 100);
        int mode = Integer.parseInt(field(header, 100, 8).trim(), 8);
        long size = Long.parseLong(field(header, 124, 12).trim(), 8);
        modes.put(name, mode & 0777);
        in.skipNBytes((size + 511) / 512 * 512);
      }
    }
    return modes;
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }

}
