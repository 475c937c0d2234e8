package io.wasabioperator.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.apiserver.AdmittedApiServer;
import io.wasabioperator.testsupport.LeaseRulesReview;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator's image as a user gets it: built by release/build-image.sh from the Dockerfile (with buildah,
 * on a Debian base made here, since no public registry is reachable), run as an image (its entrypoint, its
 * user, its CDS archive) with the environment the chart renders against the test API server and an S3
 * server on the host's loopback, stopped with SIGTERM as the kubelet stops it, then pushed with its chart
 * by release/publish.sh to a registry and pulled back.
 */
@AdmittedApiServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageIT {
  private static final Path ROOT = Path.of(System.getProperty("repositoryRoot", "..")).toAbsolutePath().normalize();
  private static final Path WORK = ROOT.resolve("image-tests/target/image-test");
  private static final String BASE = "localhost/wasabi-base-jre:17";
  private static final String IMAGE = "localhost/wasabi-operator";
  private static final String NAMESPACE = "demo";
  private static final String BUCKET = "demo-slides";
  private static final Map<String, String> BUILDAH = Map.of("STORAGE_DRIVER", "vfs", "BUILDAH_ISOLATION", "chroot");

  static KubernetesClient client;
  static KubernetesMockServer server;
  private static S3TestServer s3;
  private static String version;

  @BeforeAll
  static void tools() throws Exception {
    needs("0".equals(Command.of("id", "-u").run(10).trim()),
        "the image test needs root (buildah with chroot isolation, mmdebstrap)");
    for (String tool : List.of("buildah", "mmdebstrap", "skopeo", "docker-registry")) {
      needs(Command.onPath(tool), tool + " is not installed (apt-get install buildah mmdebstrap skopeo docker-registry)");
    }
    Files.createDirectories(WORK);
    version = chartValue("appVersion");
    s3 = new S3TestServer();
    s3.createBucket(BUCKET);
    s3.putObject(BUCKET, "images/a.jpg", new byte[] {1, 2, 3});
  }

  /** Skipped, saying why; where REQUIRE_IMAGE_TEST=true (the release workflow), failed instead. */
  private static void needs(boolean met, String what) {
    if (!met && "true".equals(System.getenv("REQUIRE_IMAGE_TEST"))) {
      throw new AssertionError(what + ", and REQUIRE_IMAGE_TEST=true");
    }
    assumeTrue(met, what + ": the image test is skipped");
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  @Order(1)
  void buildsFromTheDockerfileWithTheBuildScript() throws Exception {
    if (!Command.of("buildah", "images", "--format", "{{.Name}}:{{.Tag}}").env(BUILDAH).run(60).contains(BASE)) {
      Path rootfs = WORK.resolve("runtime.tar");
      // A JRE 17 on Debian stands in for eclipse-temurin:17-jre, which no registry here serves.
      Command.of("mmdebstrap", "--variant=essential", "--include=openjdk-17-jre-headless,ca-certificates",
          "bookworm", rootfs.toString()).run(600);
      String container = Command.of("buildah", "from", "scratch").env(BUILDAH).run(60).trim();
      String mount = Command.of("buildah", "mount", container).env(BUILDAH).run(60).trim();
      Command.of("tar", "-C", mount, "-xf", rootfs.toString()).run(300);
      Command.of("buildah", "umount", container).env(BUILDAH).run(60);
      Command.of("buildah", "commit", "-q", container, BASE).env(BUILDAH).run(300);
      Command.of("buildah", "rm", container).env(BUILDAH).run(60);
      Files.delete(rootfs);
    }
    assertThat(ROOT.resolve("operator/target/wasabi-operator.jar")).isRegularFile();

    String output = Command.of("release/build-image.sh", IMAGE, version, "--", "--network", "host")
        .env(BUILDAH).env("CONTAINER_TOOL", "buildah").env("JAR_FROM", "context")
        .env("BUILD_IMAGE", BASE).env("RUNTIME_IMAGE", BASE).run(900);

    assertThat(output).contains("Building " + IMAGE + ":" + version + " with buildah");
    JsonNode config = inspect().path("OCIv1").path("config");
    assertThat(config.path("User").asText()).as("a numeric non-root user").isEqualTo("65532:65532");
    assertThat(config.path("Entrypoint").toString()).contains("-XX:SharedArchiveFile=/app/wasabi-operator.jsa");
    System.out.printf("image %s:%s on disk: %s%n", IMAGE, version,
        Command.of("buildah", "images", "--format", "{{.Size}}", IMAGE + ":" + version).env(BUILDAH).run(60).trim());
  }

  @Test
  @Order(2)
  void runsAsTheChartRunsItAndStopsOnSigterm() throws Exception {
    LeaseRulesReview.answerAsTheChartAllows(server);
    client.resource(Resources.credentials("wasabi-operator", "platform-credentials", S3TestServer.READ_WRITE))
        .create();
    WasabiStorageIntegration integration = Resources.integration(NAMESPACE, "demo", BUCKET, AccessMode.ReadOnly);
    integration.getSpec().setEndpoint(s3.endpoint().toString());
    client.resource(integration).create();
    SignedUrlRequest request = new SignedUrlRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName("tissue").build());
    SignedUrlRequestSpec spec = new SignedUrlRequestSpec();
    spec.setIntegrationRef(Resources.integrationRef("demo"));
    spec.setKey("images/a.jpg");
    request.setSpec(spec);
    client.resource(request).create();

    Run run = Run.start("with-cds", "-Xlog:class+load=info:file=/tmp/class-load.log");
    try {
      Duration started = run.startedAfter();
      await("integration and request Ready, from the image").atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200)).until(() -> ready(WasabiStorageIntegration.class, "demo")
              && ready(SignedUrlRequest.class, "tissue"));
      long pid = run.operatorPid();
      assertThat(Files.readAllLines(Path.of("/proc/" + pid + "/status")))
          .as("the process runs as the image's non-root user").contains("Uid:\t65532\t65532\t65532\t65532");
      long shared;
      try (Stream<String> lines = Files.lines(run.tmp().resolve("class-load.log"))) {
        shared = lines.filter(line -> line.contains("source: shared objects file (top)")).count();
      }
      assertThat(shared).as("classes the JVM mapped from the image's CDS archive").isGreaterThan(1000);
      System.out.printf("with its CDS archive: %,d classes from the archive; %d ms from start to Started%n", shared,
          started.toMillis());

      run.terminate();
      assertThat(run.output()).contains("Stopping").doesNotContain("Exception in thread");
    } finally {
      run.kill();
    }

    Run withoutCds = Run.start("without-cds", "-Xshare:off");
    try {
      System.out.printf("without it (-Xshare:off): %d ms from start to Started%n",
          withoutCds.startedAfter().toMillis());
      withoutCds.terminate();
    } finally {
      withoutCds.kill();
    }
  }

  @Test
  @Order(3)
  void isPushedWithItsChartToARegistryAndPulledBack() throws Exception {
    int port = freePort();
    String registry = "127.0.0.1:" + port;
    Path storage = Files.createDirectories(WORK.resolve("registry"));
    Path config = Files.writeString(WORK.resolve("registry.yml"), """
        version: 0.1
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: %s
        """.formatted(storage, registry));
    Process registryProcess = Command.of("docker-registry", "serve", config.toString()).start(WORK.resolve("registry.log"));
    try {
      await("the registry to listen").atMost(Duration.ofSeconds(30)).until(() -> listens(port));
      Command.of("buildah", "tag", IMAGE + ":" + version, registry + "/wasabi-operator:" + version).env(BUILDAH)
          .run(120);
      Path out = Files.createDirectories(WORK.resolve("release"));
      Path bin = helmOnPath();

      Command.of("release/publish.sh", registry, version).env(BUILDAH).env("CONTAINER_TOOL", "buildah")
          .env("TLS_VERIFY", "false").env("OUT", out.toString()).env("ALLOW_SNAPSHOT", "true")
          .env("PATH", bin + ":" + System.getenv("PATH")).run(900);

      String pushed = Files.readString(out.resolve("image.digest")).trim();
      JsonNode image = json(Command.of("skopeo", "inspect", "--tls-verify=false",
          "docker://" + registry + "/wasabi-operator:" + version).run(120));
      assertThat(image.path("Digest").asText()).as("the image pulled back").isEqualTo(pushed);
      Path pulled = Files.createTempDirectory(WORK, "pulled-image");
      Command.of("skopeo", "copy", "--src-tls-verify=false", "docker://" + registry + "/wasabi-operator:" + version,
          "oci:" + pulled + ":" + version).run(300);
      assertThat(json(Files.readString(pulled.resolve("index.json"))).path("manifests").get(0).path("digest").asText())
          .isEqualTo(pushed);

      Path chart = out.resolve("wasabi-operator-" + version + ".tgz");
      JsonNode manifest = json(Command.of("skopeo", "inspect", "--raw", "--tls-verify=false",
          "docker://" + registry + "/charts/wasabi-operator:" + version).run(120));
      assertThat(manifest.path("config").path("mediaType").asText()).isEqualTo("application/vnd.cncf.helm.config.v1+json");
      JsonNode layer = manifest.path("layers").get(0);
      assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.cncf.helm.chart.content.v1.tar+gzip");
      assertThat(layer.path("digest").asText()).as("the chart pulled back").isEqualTo("sha256:" + sha256(chart));

      long compressed = 0;
      for (JsonNode each : json(Command.of("skopeo", "inspect", "--raw", "--tls-verify=false",
          "docker://" + registry + "/wasabi-operator:" + version).run(120)).path("layers")) {
        compressed += each.path("size").asLong();
      }
      System.out.printf("image compressed in the registry: %.1f MB%n", compressed / 1e6);
    } finally {
      registryProcess.destroy();
      registryProcess.waitFor(10, TimeUnit.SECONDS);
      Command.of("buildah", "rmi", "-f", registry + "/wasabi-operator:" + version).env(BUILDAH).run(120);
    }
  }

  // ---- the image, run

  /** One run of the image, with the chart's environment, as buildah runs it. */
  private record Run(String name, Process process, Path tmp, Path log, String container, long launched) {
    static Run start(String name, String jvmOptions) throws Exception {
      Path dir = Files.createDirectories(WORK.resolve(name));
      // As the chart's emptyDir: writable by the image's user.
      Path tmp = Files.createDirectories(dir.resolve("tmp"));
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
      Path kube = Files.createDirectories(dir.resolve("kube"));
      Files.writeString(kube.resolve("config"), kubeconfig());
      List<String> command = new ArrayList<>(List.of("buildah", "run", "--isolation", "chroot", "--network", "host",
          "-v", tmp + ":/tmp", "-v", kube + ":/kube:ro"));
      Map<String, String> environment = new LinkedHashMap<>(chartEnvironment());
      environment.put("KUBECONFIG", "/kube/config");
      environment.put("HOSTNAME", "wasabi-operator-" + name);
      environment.put("JDK_JAVA_OPTIONS", jvmOptions);
      environment.forEach((key, value) -> command.addAll(List.of("--env", key + "=" + value)));
      String container = Command.of("buildah", "from", IMAGE + ":" + version).env(BUILDAH).run(300).trim();
      command.add(container);
      command.add("--");
      // The image's own entrypoint, read from its configuration: what a kubelet would run.
      inspect().path("OCIv1").path("config").path("Entrypoint").forEach(word -> command.add(word.asText()));
      Path log = dir.resolve("operator.log");
      long launched = System.nanoTime();
      Process process = Command.of(command).env(BUILDAH).start(log);
      return new Run(name, process, tmp, log, container, launched);
    }

    String output() throws IOException {
      return Files.readString(log);
    }

    Duration startedAfter() {
      await("the operator in the image to start").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
          .until(() -> output().contains("Started wasabi-operator " + projectVersion()));
      return Duration.ofNanos(System.nanoTime() - launched);
    }

    long operatorPid() throws IOException {
      try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
        for (Path proc : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
          try {
            String[] argv = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
            String environment = new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8);
            // This run's JVM itself (argv[0] is the image's java), not buildah's wrappers around it.
            if (argv[0].endsWith("/java") && List.of(argv).contains("/app/wasabi-operator.jar")
                && List.of(environment.split("\0")).contains("HOSTNAME=wasabi-operator-" + name)) {
              return Long.parseLong(proc.getFileName().toString());
            }
          } catch (IOException gone) {
            // a process that ended while listed
          }
        }
      }
      throw new AssertionError("no java process of the image running /app/wasabi-operator.jar");
    }

    /** SIGTERM, as the kubelet sends it: the operator stops on its own, well within the pod's 30 s grace. */
    void terminate() throws Exception {
      long pid = operatorPid();
      List<String> signals = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .filter(line -> line.startsWith("Sig")).toList();
      ProcessHandle.of(pid).orElseThrow().destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM to %d %s", pid, signals).isTrue();
    }

    void kill() throws Exception {
      process.destroyForcibly();
      Command.of("buildah", "rm", container).env(BUILDAH).run(120);
    }
  }

  /** The container's environment as the chart renders it for these values (the Lease's namespace filled in). */
  private static Map<String, String> chartEnvironment() throws IOException {
    Path values = Files.writeString(WORK.resolve("values.yaml"), """
        platformCredentials: {secretName: platform-credentials}
        allowHttpEndpoints: true
        endpointAllowlist: ["127.0.0.1"]
        privateEndpointCidrs: ["127.0.0.0/8"]
        platformGrants: [{namespaces: ["%s"], buckets: ["%s"], endpoints: ["127.0.0.1"]}]
        healthPort: %d
        metrics: {enabled: true, port: %d}
        """.formatted(NAMESPACE, BUCKET, freePort(), freePort()));
    String rendered = new Helm(ROOT.resolve("helm/wasabi-operator")).template().withName("wasabi-operator")
        .withNamespace("wasabi-operator").withKubeVersion("1.32.0").withValuesFile(values).call();
    Object parsed = Serialization.unmarshal(rendered);
    Deployment deployment = ((List<?>) parsed).stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .findFirst().orElseThrow();
    Map<String, String> environment = new LinkedHashMap<>();
    for (EnvVar variable : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      environment.put(variable.getName(), Optional.ofNullable(variable.getValue())
          .orElseGet(() -> fieldOf(variable)));
    }
    assertThat(environment).containsKeys("WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET",
        "WASABI_OPERATOR_LEADER_ELECTION_NAMESPACE", "WASABI_OPERATOR_METRICS_PORT");
    return environment;
  }

  private static String fieldOf(EnvVar variable) {
    String path = variable.getValueFrom().getFieldRef().getFieldPath();
    assertThat(path).as("the only downward-API field the chart uses").isEqualTo("metadata.namespace");
    return "wasabi-operator";
  }

  private static String kubeconfig() {
    return """
        apiVersion: v1
        kind: Config
        clusters: [{name: test, cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}}]
        users: [{name: operator, user: {token: operator}}]
        contexts: [{name: test, context: {cluster: test, user: operator}}]
        current-context: test
        """.formatted(server.getPort());
  }

  private static <T extends HasMetadata> boolean ready(Class<T> kind, String name) {
    T resource = client.resources(kind).inNamespace(NAMESPACE).withName(name).get();
    JsonNode status = new ObjectMapper().valueToTree(resource).path("status");
    for (JsonNode condition : status.path("conditions")) {
      if (condition.path("type").asText().equals("Ready")) {
        return condition.path("status").asText().equals("True");
      }
    }
    return false;
  }

  // ---- helpers

  private static JsonNode inspect() throws IOException, InterruptedException {
    return json(Command.of("buildah", "inspect", "--type", "image", IMAGE + ":" + version).env(BUILDAH).run(60));
  }

  /** A helm on PATH for release/publish.sh: the machine has no helm CLI, so helm-java stands in (HelmShim). */
  private static Path helmOnPath() throws IOException {
    Path bin = Files.createDirectories(WORK.resolve("bin"));
    Path helm = bin.resolve("helm");
    Files.writeString(helm, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
        + System.getProperty("java.class.path") + "' " + HelmShim.class.getName() + " \"$@\"\n");
    helm.toFile().setExecutable(true);
    return bin;
  }

  private static String chartValue(String key) throws IOException {
    return Files.readAllLines(ROOT.resolve("helm/wasabi-operator/Chart.yaml")).stream()
        .filter(line -> line.startsWith(key + ":")).findFirst().orElseThrow()
        .replaceAll("^[a-zA-Z]+: *\"?([^\"]*)\"?$", "$1");
  }

  private static String projectVersion() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    int at = pom.indexOf("<artifactId>wasabi-operator-parent</artifactId>");
    int start = pom.indexOf("<version>", at) + "<version>".length();
    return pom.substring(start, pom.indexOf("</version>", start));
  }

  private static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      digest.update(in.readAllBytes());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean listens(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
