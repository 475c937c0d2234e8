package io.wasabioperator.install.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wasabioperator.install.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's RBAC against every request the operator really made: its end-to-end tests record them, one file
 * per scenario, with the chart values the scenario corresponds to. A real API server must allow each request
 * and each check the OwnerReferencesPermissionEnforcement admission plugin makes for it, and the chart must
 * grant nothing the recordings do not use (short of a rule marked `# unrecorded: <why>`).
 */
class RecordedRbacTest {
  static final Path RECORDINGS = RepositoryFiles.resolve("operator/target/api-recordings");

  @TempDir
  Path work;

  @TestFactory
  List<DynamicNode> theChartAllowsWhatTheOperatorDoesAndNoMore() throws IOException {
    List<Recording> recordings = Recording.readAll(RECORDINGS);
    assertThat(recordings)
        .as("no recordings in %s: run mvn verify from the top: the operator's integration tests record the requests",
            RECORDINGS)
        .isNotEmpty();

    Map<JsonNode, List<Recording>> byValues = recordings.stream()
        .collect(Collectors.groupingBy(Recording::chartValues, LinkedHashMap::new, Collectors.toList()));
    List<DynamicNode> renders = new ArrayList<>();
    for (Map.Entry<JsonNode, List<Recording>> render : byValues.entrySet()) {
      RenderedChart chart = RenderedChart.render(work, render.getValue().get(0).chartValuesYaml());
      List<DynamicNode> tests = new ArrayList<>();
      for (Recording recording : render.getValue()) {
        tests.add(DynamicTest.dynamicTest(recording.scenario() + ": every request is allowed",
            () -> everyRequestIsAllowed(chart, recording)));
      }
      tests.add(DynamicTest.dynamicTest("every permission is used",
          () -> everyPermissionIsUsed(chart, render.getValue())));
      renders.add(DynamicContainer.dynamicContainer("chart values " + render.getKey(), tests));
    }
    return renders;
  }

  @TestFactory
  List<DynamicTest> noRequestListsOrWatchesUnlabelledSecrets() throws IOException {
    return Recording.readAll(RECORDINGS).stream()
        .map(recording -> DynamicTest.dynamicTest(recording.scenario(), () ->
            assertThat(UnlabelledSecretReads.in(recording))
                .as("%s: lists or watches of Secrets not confined by the label selector to %s",
                    recording.file(), UnlabelledSecretReads.OPERATOR_LABELS)
                .isEmpty()))
        .toList();
  }

  private static void everyRequestIsAllowed(RenderedChart chart, Recording recording) {
    assertThat(RbacVerdict.judge(chart, List.of(recording)).denied())
        .as("%s: denied for %s", recording.file(), chart.policy().user())
        .isEmpty();
  }

  private static void everyPermissionIsUsed(RenderedChart chart, List<Recording> recordings) {
    RbacVerdict verdict = RbacVerdict.judge(chart, recordings);
    List<Path> files = recordings.stream().map(Recording::file).toList();
    assertThat(verdict.unusedGrants())
        .as("granted by the chart but used by no request in %s; drop them, or mark the rule with a comment line "
            + "`# unrecorded: <why>` above it", files)
        .isEmpty();
    assertThat(verdict.unrecordedButUsed())
        .as("rules marked `# unrecorded:` whose permissions %s do use; drop the comment", files)
        .isEmpty();
  }
}
