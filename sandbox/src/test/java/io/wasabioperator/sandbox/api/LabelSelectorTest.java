package io.wasabioperator.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode TEAM_A = labels("{\"team\": \"a\", \"tier\": \"gold\"}");
  private static final JsonNode TEAM_B = labels("{\"team\": \"b\"}");
  private static final JsonNode NONE = JSON.missingNode();

  @Test
  void equalityBasedRequirements() {
    assertThat(selects("team=a")).containsExactly(true, false, false);
    assertThat(selects("team==a")).containsExactly(true, false, false);
    assertThat(selects("team!=a")).as("also without the label").containsExactly(false, true, true);
  }

  @Test
  void setBasedRequirements() {
    assertThat(selects("team in (a)")).containsExactly(true, false, false);
    assertThat(selects("team in (a, b)")).containsExactly(true, true, false);
    assertThat(selects("team notin (a,c)")).as("also without the label").containsExactly(false, true, true);
    assertThat(selects("team")).containsExactly(true, true, false);
    assertThat(selects("!team")).containsExactly(false, false, true);
    assertThat(selects("!tier")).containsExactly(false, true, true);
  }

  @Test
  void everyRequirementMustHoldAndEmptySelectsEverything() {
    assertThat(selects("team in (a,b),tier")).containsExactly(true, false, false);
    assertThat(selects("team, !tier")).containsExactly(false, true, false);
    assertThat(selects("")).containsExactly(true, true, true);
  }

  @Test
  void aSelectorThatDoesNotParseIsRefused() {
    assertThatThrownBy(() -> LabelSelector.parse("team in a")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("team in a");
    assertThatThrownBy(() -> LabelSelector.parse("team=a,")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LabelSelector.parse("!team=a")).isInstanceOf(IllegalArgumentException.class);
  }

  private static java.util.List<Boolean> selects(String selector) {
    LabelSelector parsed = LabelSelector.parse(selector);
    return java.util.List.of(parsed.matches(TEAM_A), parsed.matches(TEAM_B), parsed.matches(NONE));
  }

  private static JsonNode labels(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
