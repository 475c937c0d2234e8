package io.wasabioperator.install.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wasabioperator.install.health.Kstatus.Result;
import io.wasabioperator.install.health.Kstatus.Status;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Argo CD testdata objects under kstatus (Flux health checks) and {@code kubectl wait --for=condition=Ready}.
 *
 * <p>What kstatus really does with these kinds, which ARGOCD.md repeats:
 * <ul>
 *   <li>A failure only a person can end (a spec to fix, a bucket to create, a conflict, a grant to give,
 *       URLs that expired and cannot be renewed) carries Stalled=True, so kstatus says Failed and a Flux
 *       health check fails early. Ready=False that passes by itself (an outage, a retried renewal) is
 *       InProgress. {@code kubectl wait --for=condition=Ready} is satisfied by neither.
 *   <li>No status yet, or Issuing=True before the first Ready condition, is Current: without
 *       observedGeneration or a Ready condition kstatus assumes the resource is reconciled. Only
 *       {@code kubectl wait} (and Argo CD) keep waiting there.
 *   <li>A renewal keeps Ready=True, so it is Current and the wait stays satisfied.
 * </ul>
 */
class KstatusTest {
  private record Expected(Status status, String message, String reason, boolean waitSatisfied) {
    static Expected current(String message, boolean waitSatisfied) {
      return new Expected(Status.Current, message, null, waitSatisfied);
    }

    static Expected stale(String message) {
      return new Expected(Status.InProgress, message, "LatestGenerationNotObserved", false);
    }

    /** InProgress with the Ready condition's own reason and message. */
    static Expected notReady() {
      return new Expected(Status.InProgress, null, null, false);
    }

    /** Failed, with the Stalled condition's reason and message, which are the Ready condition's. */
    static Expected stalled() {
      return new Expected(Status.Failed, null, null, false);
    }
  }

  private static final String READY = "Resource is Ready";
  private static final String NO_VERDICT = "Resource is current";

  private static final Map<String, Expected> EXPECTED = Map.ofEntries(
      Map.entry("WasabiStorageIntegration/testdata/healthy.yaml", Expected.current(READY, true)),
      Map.entry("WasabiStorageIntegration/testdata/progressing.yaml",
          Expected.stale("WasabiStorageIntegration generation is 3, but latest observed generation is 2")),
      Map.entry("WasabiStorageIntegration/testdata/no-status.yaml", Expected.current(NO_VERDICT, false)),
      Map.entry("WasabiStorageIntegration/testdata/degraded.yaml", Expected.stalled()),
      Map.entry("WasabiStorageIntegration/testdata/read-access-unverified.yaml", Expected.stalled()),
      Map.entry("WasabiStorageIntegration/testdata/credentials-secret-not-found.yaml", Expected.notReady()),
      Map.entry("WasabiStorageIntegration/testdata/endpoint-unreachable.yaml", Expected.notReady()),
      Map.entry("SignedUrlRequest/testdata/stalled.yaml", Expected.stalled()),
      Map.entry("SignedUrlRequest/testdata/healthy.yaml", Expected.current(READY, true)),
      Map.entry("SignedUrlRequest/testdata/progressing.yaml",
          Expected.stale("SignedUrlRequest generation is 2, but latest observed generation is 1")),
      Map.entry("SignedUrlRequest/testdata/no-status.yaml", Expected.current(NO_VERDICT, false)),
      Map.entry("SignedUrlRequest/testdata/first-issuance.yaml", Expected.notReady()),
      Map.entry("SignedUrlRequest/testdata/renewing.yaml", Expected.current(READY, true)),
      Map.entry("SignedUrlRequest/testdata/renewal-failing.yaml", Expected.current(READY, true)),
      Map.entry("SignedUrlRequest/testdata/degraded.yaml", Expected.notReady()),
      Map.entry("SignedUrlRequest/testdata/expired.yaml", Expected.notReady()),
      Map.entry("SignedUrlRequest/testdata/issuing-after-failure.yaml", Expected.notReady()));

  @TestFactory
  Stream<DynamicTest> eachObjectGivesTheExpectedKstatusAndWait() {
    return HealthCheck.allCases().stream().map(test -> DynamicTest.dynamicTest(test.name(), () -> {
      Expected expected = EXPECTED.get(test.name());
      assertThat(expected).as("kstatus expectation for " + test.name() + " (add new testdata here)").isNotNull();
      JsonNode object = test.object();
      Result actual = Kstatus.compute(object);
      if (expected.message() == null) {
        JsonNode ready = readyCondition(object);
        assertThat(actual).isEqualTo(new Result(expected.status(), ready.path("message").asText(),
            ready.path("reason").asText()));
      } else {
        assertThat(actual).isEqualTo(new Result(expected.status(), expected.message(), expected.reason()));
      }
      assertThat(KubectlWait.satisfied(object, "Ready")).as("kubectl wait --for=condition=Ready")
          .isEqualTo(expected.waitSatisfied());
    }));
  }

  @Test
  void everyExpectationNamesATestdataObject() {
    assertThat(HealthCheck.allCases().stream().map(HealthCheck.Case::name))
        .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  /** The three tools never contradict each other on the two verdicts that matter to a deployment. */
  @Test
  void healthyAndDegradedMeanTheSameToArgoCdKstatusAndKubectlWait() {
    for (HealthCheck.Case test : HealthCheck.allCases()) {
      Result kstatus = Kstatus.compute(test.object());
      boolean waitSatisfied = KubectlWait.satisfied(test.object(), "Ready");
      switch (test.expected().status()) {
        case "Healthy" -> {
          assertThat(kstatus.status()).as(test.name()).isEqualTo(Status.Current);
          assertThat(waitSatisfied).as(test.name()).isTrue();
        }
        case "Degraded" -> {
          assertThat(kstatus.status()).as(test.name()).isIn(Status.InProgress, Status.Failed);
          assertThat(waitSatisfied).as(test.name()).isFalse();
        }
        default -> {
          // Progressing: kstatus may say Current (see the class comment); kubectl wait is satisfied only
          // during a renewal, where the URL in the Secret stays valid.
          assertThat(waitSatisfied).as(test.name()).isEqualTo(test.name().endsWith("/renewing.yaml"));
        }
      }
    }
  }

  private static JsonNode readyCondition(JsonNode object) {
    for (JsonNode condition : object.path("status").path("conditions")) {
      if (condition.path("type").asText().equals("Ready")) {
        return condition;
      }
    }
    throw new AssertionError("no Ready condition in " + object.path("metadata").path("name"));
  }
}
