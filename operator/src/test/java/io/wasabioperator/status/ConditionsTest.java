package io.wasabioperator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123Z");
  private static final Instant T1 = Instant.parse("2026-11-28T10:05:00Z");

  @Test
  void newConditionTransitionsNow() {
    List<Condition> next = new ArrayList<>();
    Conditions.set(next, List.of(), "Ready", "True", "Ready", "ok", 3L, T0);
    assertThat(next).singleElement().satisfies(c -> {
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-28T10:00:00Z");
      assertThat(c.getObservedGeneration()).isEqualTo(3L);
      assertThat(c.getReason()).isEqualTo("Ready");
    });
  }

  @Test
  void unchangedStatusKeepsTheTransitionTimeEvenWhenReasonOrMessageChange() {
    List<Condition> previous = new ArrayList<>();
    Conditions.set(previous, List.of(), "Ready", "False", "NoSuchBucket", "a", 1L, T0);
    List<Condition> next = new ArrayList<>();
    Conditions.set(next, previous, "Ready", "False", "AccessDenied", "b", 2L, T1);
    assertThat(next.get(0).getLastTransitionTime()).isEqualTo("2026-11-28T10:00:00Z");
    assertThat(next.get(0).getReason()).isEqualTo("AccessDenied");
    assertThat(next.get(0).getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void changedStatusMovesTheTransitionTime() {
    List<Condition> previous = new ArrayList<>();
    Conditions.set(previous, List.of(), "Ready", "False", "NoSuchBucket", "a", 1L, T0);
    List<Condition> next = new ArrayList<>();
    Conditions.set(next, previous, "Ready", "True", "Ready", "b", 1L, T1);
    assertThat(next.get(0).getLastTransitionTime()).isEqualTo("2026-11-28T10:05:00Z");
  }

  @Test
  void settingTwiceKeepsOneEntryPerType() {
    List<Condition> next = new ArrayList<>();
    Conditions.set(next, List.of(), "Ready", "False", "A", "a", 1L, T0);
    Conditions.set(next, List.of(), "Ready", "True", "B", "b", 1L, T0);
    assertThat(next).singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo("B"));
    assertThat(Conditions.find(next, "Ready")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    assertThat(Conditions.find(next, "Validated")).isEmpty();
  }
}
