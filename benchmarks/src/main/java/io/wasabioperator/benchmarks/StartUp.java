package io.wasabioperator.benchmarks;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: the operator's jar started over N SignedUrlRequests that exist already (and the
 * integration they use), timed from process start to its first reconcile and to every request Ready.
 * The floor, on a server of its own holding the same resources: a JVM running the fabric8 client that
 * lists the requests, then writes each one's Secret and status.
 */
final class StartUp {
  static final String SECTION = "start-up";

  private StartUp() {}

  static void run(Figures figures, int n) throws Exception {
    Path dir = Files.createTempDirectory("wasabi-operator-start-up");
    long[] plain = timeOperator(dir, n, List.of(), "operator.log");
    // Class Data Sharing: a training run over the same resources writes the classes it loaded to an
    // archive when it exits; later starts map them instead of loading and verifying them again.
    // -Dcds.archive=FILE measures an archive made elsewhere instead, such as the image's training run.
    String given = System.getProperty("cds.archive");
    Path archive = given != null ? Path.of(given) : dir.resolve("operator.jsa");
    if (given == null) {
      timeOperator(dir, n, List.of("-XX:ArchiveClassesAtExit=" + archive), "training.log");
    }
    long[] shared = Files.exists(archive)
        ? timeOperator(dir, n, List.of("-XX:SharedArchiveFile=" + archive), "operator-cds.log") : null;
    long floorListed;
    long floorDone;
    try (ApiServer api = new ApiServer(); Storage s3 = new Storage(); KubernetesClient client = api.client()) {
      existing(client, s3, n);
      Process floor = new ProcessBuilder(OperatorProcess.javaCommand(), "-cp", Suite.jar().toString(),
          FloorProcess.class.getName()).redirectErrorStream(true).start();
      long start = System.nanoTime();
      floor.getOutputStream().write((api.kubeconfig(dir) + "\n").getBytes(StandardCharsets.UTF_8));
      floor.getOutputStream().flush();
      floorListed = -1;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(floor.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null && !line.equals(FloorProcess.DONE)) {
          if (line.equals(FloorProcess.LISTED)) {
            floorListed = System.nanoTime() - start;
          }
        }
      }
      floorDone = System.nanoTime() - start;
      floor.waitFor(30, TimeUnit.SECONDS);
    }
    figures.add(SECTION, "ms from process start to the first reconcile", plain[0] / 1e6, "ms",
        floorListed / 1e6, "a fabric8 client JVM: start, list the requests");
    figures.add(SECTION, "ms from process start to " + n + " existing requests Ready", plain[1] / 1e6, "ms",
        floorDone / 1e6, "the same JVM then writes each Secret and status");
    if (shared != null) {
      figures.add(SECTION, "the same with a CDS archive: ms to the first reconcile", shared[0] / 1e6, "ms",
          floorListed / 1e6, "a fabric8 client JVM: start, list the requests");
      figures.add(SECTION, "the same with a CDS archive: ms to " + n + " requests Ready", shared[1] / 1e6, "ms",
          floorDone / 1e6, "the same JVM then writes each Secret and status");
    }
  }

  /** Times the operator's jar over N existing requests: to its first reconcile and to all Ready, in ns. */
  private static long[] timeOperator(Path dir, int n, List<String> jvmOptions, String log) throws Exception {
    try (ApiServer api = new ApiServer(); Storage s3 = new Storage(); KubernetesClient client = api.client()) {
      existing(client, s3, n);
      try (OperatorProcess operator = new OperatorProcess(OperatorProcess.jar(), api.kubeconfig(dir),
          dir.resolve(log), jvmOptions)) {
        Wait.until("the first reconcile", Duration.ofMinutes(2), Duration.ofMillis(5),
            () -> operator.reconciles() > 0);
        long firstReconcile = System.nanoTime() - operator.startedAtNanos();
        Wait.until(n + " requests to be Ready", Duration.ofMinutes(2), Duration.ofMillis(20),
            () -> Requests.all(client).stream().filter(Requests::isReady).count() == n);
        return new long[] {firstReconcile, System.nanoTime() - operator.startedAtNanos()};
      }
    }
  }

  private static void existing(KubernetesClient client, Storage s3, int n) {
    s3.warmUp();
    client.resource(Storage.platformCredentials()).create();
    client.resource(s3.integration("store", false)).create();
    for (int i = 0; i < n; i++) {
      client.resource(Requests.request("url-" + i, "store", "images/" + i + ".jpg")).create();
    }
  }
}
