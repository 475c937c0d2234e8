package io.wasabioperator.benchmarks;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.signedurl.RenewalSchedule;
import io.wasabioperator.signedurl.UrlSecret;
import io.wasabioperator.status.Conditions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Memory: the operator's heap after it has started over, and settled on, (a) N SignedUrlRequests with
 * their Secrets, (b) the same plus N Secrets of 4 KiB that are not the operator's, and (c) the same plus
 * 200 Secrets of 1 MiB that a tenant labelled as the operator's, which its informer watches. The operator
 * runs from its own jar, in a JVM of its own. The first request is issued by the operator itself; the
 * others are copies of it loaded straight into the API server's store, as the operator would have
 * written them, so that a restart over them finds nothing to do.
 *
 * <p>Beside the settled heap, the peak heap of a start-up over N unrelated Secrets, and of the same
 * start-up without them: what the operator goes through while it lists and watches, which it may not
 * keep. Read from a GC log, with a fixed heap limit for both so that the figures compare.
 */
final class MemoryFootprint {
  static final String SECTION = "memory";
  /** The operator's heap limit for the start-up peaks. */
  private static final String PEAK_MAX_HEAP = "-Xmx512m";
  private static final double MIB = 1024 * 1024;
  private static final String FILLER = Base64.getEncoder().encodeToString(new byte[3072]);
  /** How many labelled 1 MiB Secrets a hostile tenant adds in (c). */
  private static final int HOSTILE = 200;

  private MemoryFootprint() {}

  static void run(Figures figures, int n) throws Exception {
    Path dir = Files.createTempDirectory("wasabi-operator-memory");
    try (ApiServer api = new ApiServer(); Storage s3 = new Storage(); KubernetesClient client = api.client()) {
      Path kubeconfig = api.kubeconfig(dir);
      client.resource(Storage.platformCredentials()).create();
      client.resource(s3.integration("store", false)).create();
      client.resource(Requests.request("template", "store", "images/0.jpg")).create();
      long one;
      try (OperatorProcess operator = new OperatorProcess(OperatorProcess.jar(), kubeconfig, dir.resolve("0.log"))) {
        Wait.until("the first request to be Ready", Duration.ofMinutes(2), Duration.ofMillis(100),
            () -> Requests.all(client).stream().allMatch(Requests::isReady));
        Wait.quiet(Duration.ofSeconds(2), operator::reconciles);
        one = steadyHeap(operator, dir.resolve("0.histogram"));
      }
      StartUpPeaks peaks = startUpPeaks(client, dir.resolve("start-up"), n);
      SignedUrlRequest template = Requests.all(client).get(0);
      Secret templateSecret = client.secrets().inNamespace(Storage.NAMESPACE).withName("template").get();
      for (int i = 1; i < n; i++) {
        SignedUrlRequest copy = copyOf(client, template, "url-" + i);
        api.load(copy, "signedurlrequests");
        api.load(secretOf(client, templateSecret, copy), "secrets");
      }

      long writesBefore = api.writes();
      long managed = settledHeap(kubeconfig, dir.resolve("a.log"), n);
      long writesOnRestart = api.writes() - writesBefore - 1;

      loadUnrelated(api, n);
      long withUnrelated = settledHeap(kubeconfig, dir.resolve("b.log"), n);

      loadHostile(api);
      long withHostile = settledHeap(kubeconfig, dir.resolve("c.log"), n);

      figures.add(SECTION, "(a) heap with " + n + " requests and their Secrets", managed / MIB, "MiB");
      figures.add(SECTION, "(b) heap with (a) and " + n + " unrelated 4 KiB Secrets", withUnrelated / MIB, "MiB",
          managed / MIB, "(a): the same without the unrelated Secrets");
      figures.add(SECTION, "(b) - (a)", (withUnrelated - managed) / MIB, "MiB");
      figures.add(SECTION, "(c) heap with (b) and " + HOSTILE + " Secrets of 1 MiB a tenant labelled as the operator's",
          withHostile / MIB, "MiB", withUnrelated / MIB, "(b): the same without them");
      figures.add(SECTION, "(c) - (b), goal under 5 MiB", (withHostile - withUnrelated) / MIB, "MiB");
      figures.add(SECTION, "heap with one request and its Secret", one / MIB, "MiB");
      figures.add(SECTION, "(a) heap per request beyond the first", (managed - one) / (double) (n - 1) / 1024, "KiB");
      figures.add(SECTION, "API writes on restart over (a)", writesOnRestart, "count");
      figures.add(SECTION, "start-up peak heap, " + n + " unrelated 4 KiB Secrets", peaks.withUnrelated() / MIB,
          "MiB", peaks.without() / MIB, "the same start-up without them; " + PEAK_MAX_HEAP + " for both");
      figures.add(SECTION, "start-up peak heap: with - without", (peaks.withUnrelated() - peaks.without()) / MIB,
          "MiB");
    }
  }

  /**
   * A tenant's Secrets carrying the operator's label, as large as a Secret can be: 1 MiB of data (its own
   * key names, and the operator's), 200 KiB of annotations. The informer watches them all.
   */
  private static void loadHostile(ApiServer api) {
    byte[] chunk = new byte[16 * 1024];
    for (int i = 0; i < HOSTILE; i++) {
      SecretBuilder secret = new SecretBuilder().withNewMetadata().withNamespace(Storage.NAMESPACE)
          .withName("hostile-" + i).addToLabels("app.kubernetes.io/managed-by", "wasabi-operator").endMetadata();
      for (int k = 0; k < 64; k++) {
        secret.addToData(k == 0 ? UrlSecret.URL : "blob-" + k, Base64.getEncoder().encodeToString(chunk));
      }
      for (int k = 0; k < 50; k++) {
        secret.editMetadata().addToAnnotations("example.com/note-" + k, "n".repeat(4 * 1024)).endMetadata();
      }
      api.load(secret.build(), "secrets");
    }
  }

  /** Secrets that are not the operator's: none of its labels. */
  private static void loadUnrelated(ApiServer api, int n) {
    for (int i = 0; i < n; i++) {
      api.load(new SecretBuilder().withNewMetadata().withNamespace(Storage.NAMESPACE).withName("unrelated-" + i)
          .addToLabels("app", "someone-else").endMetadata().withData(Map.of("payload", FILLER)).build(), "secrets");
    }
  }

  private record StartUpPeaks(long without, long withUnrelated) {}

  /**
   * The start-up peaks, on a server of their own holding what {@code source} holds (the integration,
   * one request and their Secrets, all settled), so that the settled runs' store stays as it is: once
   * as it is, then with n unrelated Secrets more.
   */
  private static StartUpPeaks startUpPeaks(KubernetesClient source, Path dir, int n) throws Exception {
    Files.createDirectories(dir);
    try (ApiServer api = new ApiServer()) {
      for (var kind : List.of(Secret.class, WasabiStorageIntegration.class, SignedUrlRequest.class)) {
        for (HasMetadata resource : source.resources(kind).inNamespace(Storage.NAMESPACE).list().getItems()) {
          api.load(resource, HasMetadata.getPlural(kind));
        }
      }
      Path kubeconfig = api.kubeconfig(dir);
      long without = peakHeap(kubeconfig, dir.resolve("without"));
      loadUnrelated(api, n);
      long withUnrelated = peakHeap(kubeconfig, dir.resolve("with-unrelated"));
      return new StartUpPeaks(without, withUnrelated);
    }
  }

  /**
   * Starts the operator and returns the most heap it used until it had reconciled the integration and
   * the request (so its caches had synced) and gone quiet. A collection asked for then closes the window
   * in the GC log.
   */
  private static long peakHeap(Path kubeconfig, Path name) throws Exception {
    Path gcLog = Path.of(name + ".gc.log");
    try (OperatorProcess operator = new OperatorProcess(OperatorProcess.jar(), kubeconfig, Path.of(name + ".log"),
        List.of(PEAK_MAX_HEAP, GcLog.option(gcLog)))) {
      Wait.until("a reconcile of the integration and the request", Duration.ofMinutes(2), Duration.ofMillis(100),
          () -> operator.reconciles() >= 2);
      Wait.quiet(Duration.ofSeconds(2), operator::reconciles);
      operator.collectGarbage();
      return GcLog.peakHeapUsed(gcLog);
    }
  }

  /** Starts the operator, waits until it has looked at every request and gone quiet, and weighs its heap. */
  private static long settledHeap(Path kubeconfig, Path log, int n) throws Exception {
    try (OperatorProcess operator = new OperatorProcess(OperatorProcess.jar(), kubeconfig, log)) {
      Wait.until("a reconcile of each of " + n + " requests", Duration.ofMinutes(4), Duration.ofMillis(500),
          () -> operator.reconciles() >= n);
      Wait.quiet(Duration.ofSeconds(2), operator::reconciles);
      return steadyHeap(operator, log.resolveSibling(log.getFileName().toString().replace(".log", ".histogram")));
    }
  }

  /**
   * The least of three weighings 4s apart: for some seconds after it has gone quiet the operator still
   * holds a few MiB of passing work (copies of resources on their way through), which is not its
   * steady state.
   */
  private static long steadyHeap(OperatorProcess operator, Path histogram) throws Exception {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      Thread.sleep(4000);
      least = Math.min(least, operator.heapAfterGc(histogram));
    }
    return least;
  }

  /** The request under another name and uid, with the status the operator would give it. */
  private static SignedUrlRequest copyOf(KubernetesClient client, SignedUrlRequest template, String name) {
    SignedUrlRequest copy = client.getKubernetesSerialization().clone(template);
    copy.setMetadata(new ObjectMetaBuilder().withNamespace(Storage.NAMESPACE).withName(name)
        .withUid(UUID.randomUUID().toString()).withGeneration(template.getMetadata().getGeneration()).build());
    SignedUrlRequestStatus status = copy.getStatus();
    Instant notBefore = Instant.parse(status.getNotBefore());
    Instant notAfter = Instant.parse(status.getNotAfter());
    // The default renewBefore, a third of the duration; the jitter follows the uid.
    String renewal = Conditions.timestamp(RenewalSchedule.renewalTime(notBefore, notAfter,
        Duration.between(notBefore, notAfter).dividedBy(3), copy.getMetadata().getUid(), status.getRevision()));
    String templateRenewal = status.getRenewalTime();
    status.setRenewalTime(renewal);
    status.setSecretName(name);
    for (Condition condition : status.getConditions()) {
      condition.setMessage(condition.getMessage().replace("Secret template ", "Secret " + name + " ")
          .replace(templateRenewal, renewal));
    }
    return copy;
  }

  private static Secret secretOf(KubernetesClient client, Secret template, SignedUrlRequest owner) {
    Secret copy = client.getKubernetesSerialization().clone(template);
    String name = owner.getMetadata().getName();
    copy.getMetadata().setName(name);
    copy.getMetadata().setUid(null);
    copy.getMetadata().setManagedFields(null);
    copy.getMetadata().getLabels().put(UrlSecret.REQUEST_LABEL, name);
    copy.getMetadata().getAnnotations().remove("javaoperatorsdk.io/previous");
    copy.getMetadata().getOwnerReferences().forEach(ref -> {
      ref.setName(name);
      ref.setUid(owner.getMetadata().getUid());
    });
    return copy;
  }
}
