package io.wasabioperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.apiserver.AdmittingStore;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against the sandbox, with the kubeconfig the sandbox writes: every command README shows. */
class SandboxKubectlIT {
  @TempDir
  static Path dir;
  static Sandbox sandbox;
  static KubernetesClient client;
  static final ByteArrayOutputStream console = new ByteArrayOutputStream();

  record Result(int exitCode, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(onPath("kubectl"), "kubectl is not on PATH: " + System.getenv("PATH"));
    // The embedded API's store admits writes as a real API server does: kubectl's and the operator's.
    sandbox = Sandbox.start(new PrintStream(console, true, StandardCharsets.UTF_8), List.of(), fetch -> { },
        dir.resolve("kubeconfig"), AdmittingStore.ofProjectCrds());
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig())))
        .build();
    assertThat(kubectl("wait", "--for=condition=Ready", "wsi/demo", "sur/tissue-1", "--timeout=60s").exitCode())
        .isZero();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void getShowsThePrinterColumnsAllNamespacesYamlEventsAndNamespaces() throws Exception {
    Result wsi = kubectl("get", "wsi");
    assertThat(wsi.exitCode()).as(wsi.err()).isZero();
    assertThat(wsi.out().lines().findFirst().orElseThrow().split("\\s+"))
        .containsExactly("NAME", "BUCKET", "REGION", "MODE", "READY", "REASON", "AGE");
    assertThat(wsi.out()).containsPattern("demo\\s+demo-slides\\s+us-east-1\\s+ReadWrite\\s+True\\s+Ready\\s");

    Result all = kubectl("get", "wsi,sur", "-A");
    assertThat(all.out()).contains("NAMESPACE").containsPattern("demo\\s+signedurlrequest\\S*/tissue-1\\s+demo\\s+"
        + "images/tissue-1.png\\s+True\\s").containsPattern("demo\\s+wasabistorageintegration\\S*/demo-slides\\s");

    Result yaml = kubectl("get", "wsi", "-n", "demo", "-o", "yaml");
    assertThat(yaml.out()).contains("kind: WasabiStorageIntegration", "bucket: demo-slides", "type: Ready");

    Result events = kubectl("get", "events", "-n", "demo");
    assertThat(events.out().lines().findFirst().orElseThrow()).containsPattern("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT"
        + "\\s+MESSAGE");
    assertThat(events.out()).containsPattern("Normal\\s+Issued\\s+signedurlrequest/tissue-1\\s+revision 1");

    Result namespaces = kubectl("get", "ns");
    assertThat(namespaces.out()).containsPattern("demo\\s+Active").containsPattern("wasabi-operator\\s+Active");
  }

  @Test
  void describeShowsConditionsAndTheOperatorsEvents() throws Exception {
    Result described = kubectl("describe", "sur/tissue-1");
    assertThat(described.exitCode()).as(described.err()).isZero();
    assertThat(described.out()).containsPattern("Type:\\s+Ready").contains("Events:")
        .containsPattern("Normal\\s+Issued\\s+\\S+\\s+wasabi-operator\\s+revision 1");
  }

  @Test
  void applyCreatesThenReappliesAChangeWhichTheOperatorSees() throws Exception {
    String endpoint = client.resources(WasabiStorageIntegration.class).inNamespace("demo").withName("demo").get()
        .getSpec().getEndpoint();
    Path manifest = dir.resolve("applied.yaml");
    Files.writeString(manifest, """
        apiVersion: storage.wasabi-operator.io/v1alpha1
        kind: WasabiStorageIntegration
        metadata: {name: applied}
        spec: {bucket: demo-slides, region: us-east-1, mode: ReadOnly, storageName: applied, endpoint: "%s"}
        ---
        apiVersion: storage.wasabi-operator.io/v1alpha1
        kind: SignedUrlRequest
        metadata: {name: applied}
        spec: {integrationRef: {name: applied}, key: images/tissue-2.png, duration: 2m, renewBefore: 30s}
        """.formatted(endpoint));
    Result created = kubectl("apply", "-f", manifest.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("wasabistorageintegration.storage.wasabi-operator.io/applied created",
        "signedurlrequest.storage.wasabi-operator.io/applied created");
    Result ready = kubectl("wait", "--for=condition=Ready", "sur/applied", "--timeout=60s");
    assertThat(ready.out()).as(ready.err()).contains("condition met");

    // Changed: a longer duration, and renewBefore removed (kubectl's merge patch sets it to null).
    Files.writeString(manifest, Files.readString(manifest).replace("duration: 2m, renewBefore: 30s", "duration: 3m"));
    Result reapplied = kubectl("apply", "-f", manifest.toString());
    assertThat(reapplied.out()).as(reapplied.err()).contains("signedurlrequest.storage.wasabi-operator.io/applied"
        + " configured", "wasabistorageintegration.storage.wasabi-operator.io/applied unchanged");
    SignedUrlRequest request = client.resources(SignedUrlRequest.class).inNamespace("demo").withName("applied").get();
    assertThat(request.getSpec().getDuration()).isEqualTo("3m");
    assertThat(request.getSpec().getRenewBefore()).isNull();
    assertThat(request.getMetadata().getGeneration()).isEqualTo(2L);
    await().atMost(Duration.ofSeconds(30)).until(() -> client.resources(SignedUrlRequest.class).inNamespace("demo")
        .withName("applied").get().getStatus().getObservedGeneration() == 2L);
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("kubectl apply: created sur/demo/applied",
        "kubectl apply: patched sur/demo/applied");

    Result deleted = kubectl("delete", "sur/applied");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("\"applied\" deleted");
    assertThat(client.resources(SignedUrlRequest.class).inNamespace("demo").withName("applied").get()).isNull();
    assertThat(kubectl("get", "sur").out()).doesNotContain("applied");
  }

  @Test
  void setBasedLabelSelectorsSelectAndUnsupportedFieldSelectorsAreRefused() throws Exception {
    Path manifest = dir.resolve("labelled.yaml");
    Files.writeString(manifest, """
        apiVersion: storage.wasabi-operator.io/v1alpha1
        kind: SignedUrlRequest
        metadata: {name: labelled-b, labels: {team: b}}
        spec: {integrationRef: {name: demo}, key: images/tissue-3.png, duration: 10m}
        """);
    assertThat(kubectl("apply", "-f", manifest.toString()).exitCode()).isZero();
    assertThat(kubectl("label", "sur/tissue-1", "team=a").exitCode()).isZero();
    try {
      Result teamA = kubectl("get", "sur", "-l", "team in (a)", "-o", "name");
      assertThat(teamA.out().lines()).as(teamA.err()).containsExactly("signedurlrequest.storage.wasabi-operator.io/tissue-1");
      Result notA = kubectl("get", "sur", "-l", "team notin (a),team", "-o", "name");
      assertThat(notA.out().lines()).as(notA.err())
          .containsExactly("signedurlrequest.storage.wasabi-operator.io/labelled-b");
      Result unlabelled = kubectl("get", "sur", "-l", "!team", "-o", "name");
      assertThat(unlabelled.out()).doesNotContain("tissue-1", "labelled-b");

      Result byKey = kubectl("get", "sur", "--field-selector", "spec.key=images/tissue-3.png");
      assertThat(byKey.exitCode()).isNotZero();
      assertThat(byKey.err()).contains("the sandbox does not support this selector: spec.key=images/tissue-3.png");

      // Events in the version the operator writes, selected as the API server selects them.
      Result aboutOne = kubectl("get", "events.v1.events.k8s.io", "--field-selector", "regarding.name=tissue-1",
          "-o", "jsonpath={range .items[*]}{.regarding.name}{\"\\n\"}{end}");
      assertThat(aboutOne.exitCode()).as(aboutOne.err()).isZero();
      assertThat(aboutOne.out().lines().distinct()).containsExactly("tissue-1");
    } finally {
      kubectl("label", "sur/tissue-1", "team-");
      kubectl("delete", "-f", manifest.toString());
    }
  }

  @Test
  void annotateReachesTheObject() throws Exception {
    Result annotated = kubectl("annotate", "sur/tissue-1", "sandbox-test=from-kubectl");
    assertThat(annotated.out()).as(annotated.err()).contains("signedurlrequest.storage.wasabi-operator.io/tissue-1"
        + " annotated");
    assertThat(client.resources(SignedUrlRequest.class).inNamespace("demo").withName("tissue-1").get().getMetadata()
        .getAnnotations()).containsEntry("sandbox-test", "from-kubectl");
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("kubectl annotate: patched sur/demo/tissue-1");
  }

  @Test
  void secretsFromCreateSecretAndApply() throws Exception {
    Result created = kubectl("create", "secret", "generic", "from-literal", "--from-literal=user=alice");
    assertThat(created.out()).as(created.err()).contains("secret/from-literal created");
    Secret literal = client.secrets().inNamespace("demo").withName("from-literal").get();
    assertThat(literal.getType()).isEqualTo("Opaque");
    assertThat(literal.getData()).containsEntry("user", base64("alice"));

    Path manifest = dir.resolve("secret.yaml");
    Files.writeString(manifest, """
        apiVersion: v1
        kind: Secret
        metadata: {name: applied-secret}
        stringData: {password: first}
        """);
    assertThat(kubectl("apply", "-f", manifest.toString()).out()).contains("secret/applied-secret created");
    assertThat(client.secrets().inNamespace("demo").withName("applied-secret").get().getData())
        .containsEntry("password", base64("first"));
    Files.writeString(manifest, Files.readString(manifest).replace("first", "second"));
    assertThat(kubectl("apply", "-f", manifest.toString()).out()).contains("secret/applied-secret configured");
    assertThat(client.secrets().inNamespace("demo").withName("applied-secret").get().getData())
        .containsEntry("password", base64("second"));
    assertThat(kubectl("get", "secret", "from-literal").out()).containsPattern("from-literal\\s+Opaque\\s+1\\s");
  }

  @Test
  void theOperatorIsFoundAsOnAClusterAndHoldsItsLease() throws Exception {
    Result deployments = kubectl("get", "deploy", "-n", "wasabi-operator", "-l", "app.kubernetes.io/name=wasabi-operator");
    assertThat(deployments.out()).as(deployments.err()).containsPattern("wasabi-operator\\s+1/1\\s");
    Lease lease = client.leases().inNamespace("wasabi-operator").withName("wasabi-operator-leader").get();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("wasabi-operator-sandbox");
    assertThat(lease.getSpec().getRenewTime()).isNotNull();
  }

  /** The plugin's sign, as the ServiceAccount without the Role: the API's 403, said as it says it. */
  @Test
  void signAsAServiceAccountWithoutTheRoleSaysForbidden() throws Exception {
    Result refused = kubectl("wasabi", "sign", "wsi/demo", "images/tissue-1.png", "--service-account", "stranger",
        "--signing-url", sandbox.signingUrl());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("the signing API answered 403 Forbidden",
        "system:serviceaccount:demo:stranger", "sign-get");
    Result json = kubectl("wasabi", "sign", "wsi/demo", "images/tissue-1.png", "images/../x.png", "--service-account",
        "viewer", "--signing-url", sandbox.signingUrl(), "-o", "json");
    assertThat(json.out()).contains("\"storageName\"", "\"key\": \"images/tissue-1.png\"",
        "\"reason\": \"InvalidKey\"");
  }

  /** The commands README's first run shows, run as they are, plugin included (only the kubeconfig's path differs). */
  @Test
  void theReadmesFirstRunWorksAsShown() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("cli/target/kubectl-wasabi")).as("built before the sandbox (its test dependency)")
        .isExecutable();
    String block = firstRunBlock(Files.readString(root.resolve("README.md")));
    String script = block.replace("\"$PWD/sandbox/target/kubeconfig\"", "\"" + sandbox.kubeconfig() + "\"");
    assertThat(script).as("README's block selects the sandbox's kubeconfig").isNotEqualTo(block);

    ProcessBuilder builder = new ProcessBuilder("sh", "-e", "-c", script).directory(root.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("first-run.out").toFile());
    builder.environment().put("HOME", dir.toString());
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    String out = Files.readString(dir.resolve("first-run.out"));
    assertThat(process.exitValue()).as(out).isZero();
    assertThat(out).containsPattern("signedurlrequest\\S*/tissue-1\\s+demo\\s+images/tissue-1.png\\s+True\\s")
        .contains("Events:", "Ready=True  Issued", "nextRenewal:", "OK    Lease wasabi-operator/wasabi-operator-leader",
            "\"Sid\": \"AllowPlatformReadWritee3b0c442\"",
            "signedurlrequest.storage.wasabi-operator.io/tissue-1 renewal requested",
            "signedurlrequest.storage.wasabi-operator.io/tissue-2 created",
            "signedurlrequest.storage.wasabi-operator.io/tissue-2 condition met", "\"tissue-2\" deleted")
        .containsPattern("(?m)^http://127\\.0\\.0\\.1:\\d+/demo-slides/images/tissue-1\\.png\\?X-Amz-")
        .contains("\"key\":\"images/tissue-1.png\"", "\"expiresAt\":", "GET with the signed URL: HTTP 200",
            "the ServiceAccount without the Role: HTTP 403")
        .containsPattern("(?m)^http://127\\.0\\.0\\.1:\\d+/demo-slides/images/tissue-2\\.png\\?X-Amz-.*\\n"
            + "http://127\\.0\\.0\\.1:\\d+/demo-slides/images/tissue-3\\.png\\?X-Amz-");
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("kubectl-wasabi: patched sur/demo/tissue-1",
        "kubectl apply: created sur/demo/tissue-2");
  }

  /** The shell block README marks as the first run. */
  private static String firstRunBlock(String readme) {
    int marker = readme.indexOf("<!-- first-run");
    assertThat(marker).as("README marks its first-run block").isNotNegative();
    int start = readme.indexOf("```sh\n", marker) + "```sh\n".length();
    return readme.substring(start, readme.indexOf("\n```\n", start) + 1);
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  static Result kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("kubectl"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("kubectl.out").toFile()).redirectError(dir.resolve("kubectl.err").toFile());
    builder.environment().put("KUBECONFIG", sandbox.kubeconfig().toString());
    // The plugin as README's first run finds it: kubectl wasabi runs cli/target/kubectl-wasabi.
    builder.environment().put("PATH", Path.of("").toAbsolutePath().getParent().resolve("cli/target") + ":"
        + System.getenv("PATH"));
    // kubectl caches discovery under HOME; each sandbox has a new port, and tests keep out of the user's home.
    builder.environment().put("HOME", dir.toString());
    Process process = builder.start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return new Result(process.exitValue(), Files.readString(dir.resolve("kubectl.out")),
        Files.readString(dir.resolve("kubectl.err")));
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null && List.of(path.split(File.pathSeparator)).stream()
        .anyMatch(entry -> Files.isExecutable(Path.of(entry, program)));
  }
}
