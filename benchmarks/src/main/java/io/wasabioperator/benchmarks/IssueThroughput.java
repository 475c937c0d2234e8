package io.wasabioperator.benchmarks;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.TenancyConfig;
import io.wasabioperator.secrets.SecretData;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Issue throughput: N SignedUrlRequests created at once, timed until every one is Ready with its
 * Secret. Floors, each on a server of its own holding the same requests: the writes the issue names
 * (create each Secret, write each status), and the writes the operator makes (the Secret, the result,
 * and the Event of a request's first URL), both done directly in one thread.
 */
final class IssueThroughput {
  static final String SECTION = "issue";
  private static final String URL = "https://bench.s3.wasabisys.com/images/0.jpg?X-Amz-Signature=" + "0".repeat(64);

  private IssueThroughput() {}

  static void run(Figures figures, int n) throws Exception {
    Duration operator;
    double reconciles;
    double writes;
    try (ApiServer api = new ApiServer(); Storage s3 = new Storage(); KubernetesClient client = api.client()) {
      client.resource(Storage.platformCredentials()).create();
      WasabiOperator running = new WasabiOperator(client, OperatorConfig.fromEnvironment(Map.of(
          OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
          OperatorConfig.PLATFORM_CREDENTIALS_SECRET, Storage.NAMESPACE + "/platform",
          TenancyConfig.PLATFORM_GRANTS, Storage.GRANT, TenancyConfig.ENDPOINT_ALLOWLIST, "127.0.0.1",
          TenancyConfig.PRIVATE_ENDPOINT_CIDRS, "127.0.0.0/8")),
          Clock.systemUTC());
      running.start();
      client.resource(s3.integration("store", false)).create();
      Wait.until("the integration to be Ready", Duration.ofMinutes(1), Duration.ofMillis(20),
          () -> Requests.isReady(client, "store"));
      double reconcilesBefore = reconciles(running);
      long writesBefore = api.writes();
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        client.resource(Requests.request("url-" + i, "store", "images/" + i + ".jpg")).create();
      }
      Wait.until(n + " requests to be Ready", Duration.ofMinutes(5), Duration.ofMillis(50),
          () -> Requests.all(client).stream().filter(Requests::isReady).count() == n);
      operator = Duration.ofNanos(System.nanoTime() - start);
      Wait.quiet(Duration.ofSeconds(2), () -> reconciles(running));
      reconciles = (reconciles(running) - reconcilesBefore) / n;
      // Less the requests' own creation, and the one version each reading of the counter takes.
      writes = (api.writes() - writesBefore - 1 - n) / (double) n;
      running.close();
    }
    Duration issueFloor = floor(n, false);
    Duration sameWrites = floor(n, true);
    figures.add(SECTION, "ms until " + n + " new requests are Ready", operator.toMillis(), "ms",
        issueFloor.toMillis(), "create each Secret, write each status, directly");
    figures.add(SECTION, "ms until " + n + " new requests are Ready", operator.toMillis(), "ms",
        sameWrites.toMillis(), "the operator's own 3 writes per request, directly");
    figures.add(SECTION, "reconciles per request", reconciles, "count", 1, "one reconcile each");
    figures.add(SECTION, "API writes per request", writes, "count", 2, "a Secret and a status");
  }

  private static Duration floor(int n, boolean sameAsOperator) throws Exception {
    try (ApiServer api = new ApiServer(); KubernetesClient client = api.client()) {
      for (int i = 0; i < n; i++) {
        client.resource(Requests.request("url-" + i, "store", "images/" + i + ".jpg")).create();
      }
      List<SignedUrlRequest> requests = Requests.all(client);
      long start = System.nanoTime();
      for (SignedUrlRequest request : requests) {
        String name = request.getMetadata().getName();
        Secret secret = new SecretBuilder().withNewMetadata().withNamespace(Storage.NAMESPACE).withName(name)
            .endMetadata().withData(SecretData.encode(Map.of("url", URL, "expiresAt", "2026-11-28T12:00:00Z")))
            .build();
        client.resource(secret).create();
        SignedUrlRequestStatus status = new SignedUrlRequestStatus();
        status.setRevision(1L);
        request.setStatus(status);
        client.resource(request).updateStatus();
        if (sameAsOperator) {
          client.resource(new EventBuilder().withNewMetadata().withNamespace(Storage.NAMESPACE)
              .withName(name + ".issued").endMetadata().withReason("Issued").withNote("revision 1")
              .withAction("Issued").withType("Normal").withReportingController("bench")
              .withReportingInstance("bench").withNewRegarding().withName(name).endRegarding().build()).create();
        }
      }
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }

  private static double reconciles(WasabiOperator operator) {
    return operator.metrics().registry().find("operator.sdk.reconciliations.started")
        .tag("kind", "SignedUrlRequest").counters().stream().mapToDouble(Counter::count).sum();
  }
}
