package io.wasabioperator.install.rbac;

import static io.wasabioperator.apiserver.rbac.RequestAttributes.nonResource;
import static io.wasabioperator.apiserver.rbac.RequestAttributes.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.apiserver.rbac.RequestAttributes;
import io.wasabioperator.install.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole judgement, from recording files to verdict, on small recordings written for it. */
class RecordingFixturesTest {
  private static final Path FIXTURES = RepositoryFiles.resolve("install-tests/src/test/resources/rbac");
  private static final String GROUP = "storage.wasabi-operator.io";

  @TempDir
  Path work;

  @Test
  void recordingsAreReadWithTheirChartValues() throws IOException {
    List<Recording> recordings = Recording.readAll(FIXTURES);

    assertThat(recordings).extracting(Recording::scenario)
        .containsExactly("default chart", "an operator that drifted from its chart", "watched namespaces");
    Recording watched = recording("watched-namespaces.jsonl");
    assertThat(watched.chartValues().get("watchNamespaces").get(0).asText()).isEqualTo("team-a");
    RecordedRequest create = watched.requests().stream().filter(r -> r.method().equals("POST")
        && r.path().endsWith("/secrets")).findFirst().orElseThrow();
    assertThat(create.status()).isEqualTo(201);
    assertThat(create.storedOwnerReferences()).isNull();
    assertThat(create.bodyOwnerReferences()).singleElement().satisfies(owner -> {
      assertThat(owner.getKind()).isEqualTo("WasabiStorageIntegration");
      assertThat(owner.getBlockOwnerDeletion()).isTrue();
    });
    assertThat(Recording.readAll(FIXTURES.resolve("missing"))).isEmpty();
  }

  /** What the operator does with the default chart: all of it allowed, and all the chart grants used. */
  @Test
  void aRecordingOfTheOperatorsCallsPassesAgainstTheDefaultChart() throws IOException {
    Recording recording = recording("default-chart.jsonl");
    RbacVerdict verdict = RbacVerdict.judge(RenderedChart.render(work, recording.chartValuesYaml()),
        List.of(recording));

    assertThat(verdict.denied()).isEmpty();
    assertThat(verdict.unusedGrants()).isEmpty();
    assertThat(verdict.unrecordedButUsed()).isEmpty();
    assertThat(UnlabelledSecretReads.in(recording)).isEmpty();
  }

  @Test
  void withWatchedNamespacesTheRequestsStayInThemAndThePlatformSecretIsReadByName() throws IOException {
    Recording recording = recording("watched-namespaces.jsonl");
    RenderedChart chart = RenderedChart.render(work, recording.chartValuesYaml());
    RbacVerdict verdict = RbacVerdict.judge(chart, List.of(recording));

    assertThat(verdict.denied()).isEmpty();
    assertThat(verdict.unusedGrants()).isEmpty();
    // the default chart's recording lists cluster-wide, which a namespaced install does not allow
    assertThat(RbacVerdict.judge(chart, List.of(recording("default-chart.jsonl"))).denied())
        .extracting(Check::attributes)
        .contains(resource("list", "", "", "secrets", "", ""),
            resource("watch", GROUP, "", "signedurlrequests", "", ""));
  }

  @Test
  void aDriftedOperatorIsReportedPrecisely() throws IOException {
    Recording recording = recording("drifted.jsonl");
    RbacVerdict verdict = RbacVerdict.judge(RenderedChart.render(work, recording.chartValuesYaml()),
        List.of(recording));

    assertThat(verdict.denied()).extracting(Check::attributes).containsExactly(
        resource("update", "", "team-a", "secrets", "", "media-connection"),
        resource("patch", GROUP, "team-a", "signedurlrequests", "status", "slide-1"),
        resource("list", "", "team-a", "configmaps", "", ""),
        nonResource("get", "/metrics"));
    assertThat(verdict.unusedGrants())
        .contains("create events.k8s.io events (any name), granted by ClusterRole wasabi-operator rule 5",
            "update storage.wasabi-operator.io signedurlrequests/finalizers (any name), "
                + "granted by ClusterRole wasabi-operator rule 3",
            "get coordination.k8s.io leases \"wasabi-operator-leader\", "
                + "granted by Role wasabi-operator/wasabi-operator-leader-election rule 2")
        .noneMatch(unused -> unused.startsWith("watch core secrets"))
        .noneMatch(unused -> unused.startsWith("update coordination.k8s.io leases"));
    assertThat(UnlabelledSecretReads.in(recording)).extracting(RecordedRequest::toString)
        .containsExactly("GET /api/v1/secrets?watch=1 -> 200");
  }

  @Test
  void aRuleMarkedUnrecordedThatTheRecordingsUseIsReported() throws IOException {
    RecordedRequest leaseUpdate = new RecordedRequest("PUT",
        "/apis/coordination.k8s.io/v1/namespaces/wasabi-operator/leases/wasabi-operator-leader", null, 200, null,
        List.of());
    RbacVerdict verdict = RbacVerdict.judge(RenderedChart.render(work, ""),
        List.of(new Recording(Path.of("lease.jsonl"), "lease", null, List.of(leaseUpdate))));

    assertThat(verdict.unrecordedButUsed()).singleElement().asString()
        .startsWith("update coordination.k8s.io leases \"wasabi-operator-leader\" in "
            + "Role wasabi-operator/wasabi-operator-leader-election rule 3 (marked unrecorded: java-operator-sdk")
        .endsWith("is used by " + RbacVerdict.checks(leaseUpdate).get(0));
  }

  private static Recording recording(String name) {
    return Recording.read(FIXTURES.resolve(name));
  }
}
