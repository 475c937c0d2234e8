package io.wasabioperator.benchmarks;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.RetryBackoff;
import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.config.SecretLocation;
import io.wasabioperator.config.TenancyConfig;
import io.wasabioperator.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renewal storm: N MIRAX slide requests, each renewal a listing of the slide's folder in S3 and a new
 * Secret, made due at the same moment by moving the operator's clock past the last renewal time.
 * Timed until every request holds revision 2; the S3 server counts the calls it serves at once. The
 * floor: the same Secret and status writes done directly on the same server afterwards.
 */
final class RenewalStorm {
  static final String SECTION = "renewal";
  private static final int SLIDES = 10;
  private static final int FILES_PER_SLIDE = 3;
  private static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

  private RenewalStorm() {}

  static void run(Figures figures, int n) throws Exception {
    MovableClock clock = new MovableClock();
    try (ApiServer api = new ApiServer(); Storage s3 = new Storage(); KubernetesClient client = api.client()) {
      for (int slide = 0; slide < SLIDES; slide++) {
        s3.put("slides/s" + slide + ".mrxs");
        for (int file = 0; file < FILES_PER_SLIDE; file++) {
          s3.put("slides/s" + slide + "/Data000" + file + ".dat");
        }
      }
      client.resource(Storage.platformCredentials()).create();
      // Each request is looked at again every 2s, so that it notices the moved clock within 2s.
      OperatorConfig config = new OperatorConfig(Set.of(),
          Optional.of(new SecretLocation(Storage.NAMESPACE, "platform")), OperatorConfig.DEFAULT_PRINCIPAL_ARN, true,
          OperatorConfig.DEFAULT_PROBE_INTERVAL, OperatorConfig.DEFAULT_MAX_URL_DURATION, Duration.ofSeconds(2),
          new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
          new S3Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30)), Optional.empty(),
          TenancyConfig.fromEnvironment(Map.of(TenancyConfig.PLATFORM_GRANTS, Storage.GRANT,
              TenancyConfig.ENDPOINT_ALLOWLIST, "127.0.0.1", TenancyConfig.PRIVATE_ENDPOINT_CIDRS, "127.0.0.0/8")), Optional.empty());
      WasabiOperator running = new WasabiOperator(client, config, clock);
      running.start();
      client.resource(s3.integration("slides", true)).create();
      Wait.until("the integration to be Ready", Duration.ofMinutes(1), Duration.ofMillis(20),
          () -> Requests.isReady(client, "slides"));
      for (int i = 0; i < n; i++) {
        SignedUrlRequest request = Requests.request("slide-" + i, "slides", "slides/s" + (i % SLIDES) + ".mrxs");
        // Renewal 2m before expiry, less the jitter and the spread of first issuances (some seconds): a
        // storm slower than what is left lets URLs expire.
        request.getSpec().setDuration("10m");
        request.getSpec().setRenewBefore(RENEW_BEFORE.toSeconds() + "s");
        client.resource(request).create();
      }
      Wait.until(n + " requests to be Ready", Duration.ofMinutes(5), Duration.ofMillis(100),
          () -> Requests.all(client).stream().filter(Requests::isReady).count() == n);

      List<SignedUrlRequest> before = Requests.all(client);
      Map<String, Instant> expiry = before.stream().collect(Collectors.toMap(r -> r.getMetadata().getName(),
          r -> Instant.parse(r.getStatus().getNotAfter())));
      Instant due = before.stream().map(r -> Instant.parse(r.getStatus().getRenewalTime())).max(Instant::compareTo)
          .orElseThrow();
      double renewalsBefore = renewals(running);
      s3.resetPeak();
      clock.moveBy(Duration.between(clock.instant(), due.plusSeconds(1)));
      long start = System.nanoTime();
      Wait.until(n + " renewals", Duration.ofMinutes(5), Duration.ofMillis(100),
          () -> renewals(running) - renewalsBefore >= n);
      Duration storm = Duration.ofNanos(System.nanoTime() - start);
      int peak = s3.peak();
      running.close();

      List<SignedUrlRequest> after = Requests.all(client);
      // Renewed before the old URLs ran out, by the operator's clock.
      long renewedInTime = after.stream().filter(r -> r.getStatus().getRevision() == 2L && Requests.isReady(r)
          && Instant.parse(r.getStatus().getNotBefore()).isBefore(expiry.get(r.getMetadata().getName()))).count();
      Duration floor = floor(client, after);
      figures.add(SECTION, "ms to renew " + n + " requests due at once", storm.toMillis(), "ms", floor.toMillis(),
          "update each Secret, write each status, directly");
      figures.add(SECTION, "most S3 calls at once", peak, "calls");
      figures.add(SECTION, "requests whose URLs expired before renewal", n - renewedInTime, "count");
    }
  }

  /** URLs signed again, counted by the operator: one per object of each slide. */
  private static double renewals(WasabiOperator operator) {
    return operator.metrics().registry().find("wasabi_operator_urls_renewed").counters().stream()
        .mapToDouble(c -> c.count()).sum() / (1 + FILES_PER_SLIDE);
  }

  private static Duration floor(KubernetesClient client, List<SignedUrlRequest> requests) {
    Map<String, Secret> secrets = client.secrets().inNamespace(Storage.NAMESPACE).list().getItems().stream()
        .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
    long start = System.nanoTime();
    for (SignedUrlRequest request : requests) {
      Secret secret = secrets.get(request.getMetadata().getName());
      secret.getData().put("revision", "Mw==");
      client.resource(secret).update();
      request.getStatus().setRevision(3L);
      client.resource(request).updateStatus();
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
