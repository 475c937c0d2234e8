package io.wasabioperator.install.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasabioperator.install.health.Kstatus.Result;
import io.wasabioperator.install.health.Kstatus.Status;
import org.junit.jupiter.api.Test;

/** The ports of kstatus and kubectl wait, on objects made to hit each of their rules. */
class KstatusRulesTest {
  private static final String HEAD = """
      apiVersion: storage.wasabi-operator.io/v1alpha1
      kind: SignedUrlRequest
      metadata:
        name: a
        generation: 2
      """;

  private static Result kstatus(String rest) {
    return Kstatus.compute(YamlTrees.parse(HEAD + rest));
  }

  private static boolean waitReady(String rest) {
    return KubectlWait.satisfied(YamlTrees.parse(HEAD + rest), "Ready");
  }

  @Test
  void deletionComesFirst() {
    assertThat(Kstatus.compute(YamlTrees.parse(HEAD + """
          deletionTimestamp: "2025-03-01T09:00:00Z"
        status:
          observedGeneration: 1
          conditions: [{type: Stalled, status: "True"}]
        """))).isEqualTo(new Result(Status.Terminating, "Resource scheduled for deletion", null));
  }

  @Test
  void aStaleObservedGenerationIsInProgressButAMissingOneIsNotChecked() {
    assertThat(kstatus("""
        status:
          observedGeneration: 1
          conditions: [{type: Ready, status: "True"}]
        """)).isEqualTo(new Result(Status.InProgress,
        "SignedUrlRequest generation is 2, but latest observed generation is 1", "LatestGenerationNotObserved"));
    assertThat(kstatus("""
        status:
          conditions: [{type: Ready, status: "True"}]
        """)).isEqualTo(new Result(Status.Current, "Resource is Ready", null));
  }

  @Test
  void reconcilingAndStalledWinOverReady() {
    assertThat(kstatus("""
        status:
          observedGeneration: 2
          conditions:
            - {type: Ready, status: "True"}
            - {type: Reconciling, status: "True", reason: Working, message: busy}
        """)).isEqualTo(new Result(Status.InProgress, "busy", "Working"));
    assertThat(kstatus("""
        status:
          observedGeneration: 2
          conditions:
            - {type: Ready, status: "False", reason: Broken, message: broken}
            - {type: Stalled, status: "True", reason: GaveUp, message: gave up}
        """)).isEqualTo(new Result(Status.Failed, "gave up", "GaveUp"));
  }

  @Test
  void readyFalseAndUnknownAreInProgressNotFailed() {
    assertThat(kstatus("""
        status:
          observedGeneration: 2
          conditions: [{type: Ready, status: "False", reason: Broken, message: broken}]
        """)).isEqualTo(new Result(Status.InProgress, "broken", "Broken"));
    assertThat(kstatus("""
        status:
          observedGeneration: 2
          conditions: [{type: Ready, status: Unknown, reason: Checking, message: checking}]
        """)).isEqualTo(new Result(Status.InProgress, "checking", "Checking"));
  }

  @Test
  void withoutAnyKnownConditionTheResourceCountsAsCurrent() {
    assertThat(kstatus("""
        status:
          observedGeneration: 2
          conditions: [{type: Issuing, status: "True"}, {type: Ready, status: Maybe}]
        """)).isEqualTo(new Result(Status.Current, "Resource is current", null));
    assertThat(kstatus("spec: {}\n")).isEqualTo(new Result(Status.Current, "Resource is current", null));
  }

  @Test
  void malformedFieldsAreErrorsAsInKstatus() {
    assertThatThrownBy(() -> kstatus("status: {observedGeneration: \"2\"}\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> kstatus("status: {conditions: [{type: Ready, status: true}]}\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kubectlWaitReadsTheFirstMatchingConditionCaseInsensitively() {
    assertThat(waitReady("""
        status:
          observedGeneration: 2
          conditions: [{type: ready, status: "true"}]
        """)).isTrue();
    assertThat(waitReady("""
        status:
          observedGeneration: 2
          conditions: [{type: Ready, status: "False"}, {type: Ready, status: "True"}]
        """)).isFalse();
    assertThat(waitReady("status: {observedGeneration: 2}\n")).isFalse();
    assertThat(waitReady("spec: {}\n")).isFalse();
  }

  @Test
  void kubectlWaitIgnoresAConditionAboutAnOlderGeneration() {
    // The condition's own observedGeneration wins over status.observedGeneration.
    assertThat(waitReady("""
        status:
          observedGeneration: 2
          conditions: [{type: Ready, status: "True", observedGeneration: 1}]
        """)).isFalse();
    assertThat(waitReady("""
        status:
          observedGeneration: 1
          conditions: [{type: Ready, status: "True", observedGeneration: 2}]
        """)).isTrue();
    assertThat(waitReady("""
        status:
          observedGeneration: 1
          conditions: [{type: Ready, status: "True"}]
        """)).isFalse();
    assertThat(waitReady("""
        status:
          conditions: [{type: Ready, status: "True"}]
        """)).isTrue();
  }
}
