package io.wasabioperator.benchmarks;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.ProbeSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.TenancyConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Probe cost: S3 calls per integration per probe, for each kind of probe, counted from the AWS SDK's
 * own per-call metrics while N integrations of that kind are verified. The floor is the calls the
 * probe needs: a write and a read back; one read; one read and one listing.
 */
final class ProbeCost {
  static final String SECTION = "probe";

  private ProbeCost() {}

  static void run(Figures figures, int n) throws Exception {
    measure(figures, n, "S3 calls per probe, ReadWrite", 2, "write, read back", spec -> { });
    measure(figures, n, "S3 calls per probe, ReadOnly with probe.objectKey", 1, "read", spec -> {
      spec.setMode(AccessMode.ReadOnly);
      spec.setProbe(new ProbeSpec());
      spec.getProbe().setObjectKey("a.jpg");
    });
    measure(figures, n, "S3 calls per probe, ReadOnly without probe.objectKey", 1, "read of a missing key",
        spec -> spec.setMode(AccessMode.ReadOnly));
    measure(figures, n, "S3 calls per probe, ReadOnly with MIRAX", 2, "read, list", spec -> {
      spec.setMode(AccessMode.ReadOnly);
      spec.setMirax(true);
      spec.setProbe(new ProbeSpec());
      spec.getProbe().setObjectKey("a.jpg");
    });
  }

  private static void measure(Figures figures, int n, String name, int needed, String neededIs,
      Consumer<WasabiStorageIntegrationSpec> kind) throws Exception {
    try (ApiServer api = new ApiServer(); Storage s3 = new Storage(); KubernetesClient client = api.client()) {
      s3.put("a.jpg");
      client.resource(Storage.platformCredentials()).create();
      WasabiOperator operator = new WasabiOperator(client, OperatorConfig.fromEnvironment(Map.of(
          OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
          OperatorConfig.PLATFORM_CREDENTIALS_SECRET, Storage.NAMESPACE + "/platform",
          TenancyConfig.PLATFORM_GRANTS, Storage.GRANT, TenancyConfig.ENDPOINT_ALLOWLIST, "127.0.0.1",
          TenancyConfig.PRIVATE_ENDPOINT_CIDRS, "127.0.0.0/8")),
          Clock.systemUTC());
      operator.start();
      for (int i = 0; i < n; i++) {
        WasabiStorageIntegration integration = s3.integration("store-" + i, false);
        kind.accept(integration.getSpec());
        client.resource(integration).create();
      }
      Wait.until(n + " probes", Duration.ofMinutes(3), Duration.ofMillis(50), () -> probes(operator) >= n);
      Wait.quiet(Duration.ofSeconds(2), () -> probes(operator));
      double calls = operator.metrics().registry().find("wasabi_operator_s3_call").timers().stream()
          .mapToLong(Timer::count).sum();
      figures.add(SECTION, name, calls / probes(operator), "calls", needed, neededIs);
      figures.add(SECTION, "probes per new integration (" + name.substring(name.indexOf(',') + 2) + ")",
          probes(operator) / n, "probes", 1, "one probe");
      operator.close();
    }
  }

  private static double probes(WasabiOperator operator) {
    return operator.metrics().registry().find("wasabi_operator_probe_results").counters().stream()
        .mapToDouble(Counter::count).sum();
  }
}
