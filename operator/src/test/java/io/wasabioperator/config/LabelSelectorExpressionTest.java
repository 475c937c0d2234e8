package io.wasabioperator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasabioperator.config.LabelSelectorExpression.Operator;
import io.wasabioperator.config.LabelSelectorExpression.Requirement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelSelectorExpressionTest {
  private static final Map<String, String> TEAM_A = Map.of("team", "a", "tier", "gold");
  private static final Map<String, String> TEAM_B = Map.of("team", "b");
  private static final Map<String, String> NONE = Map.of();

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
  void saysWhatEachRequirementAsks() {
    assertThat(LabelSelectorExpression.parse("storage.wasabi-operator.io/shard in (a), !b, c!=d").requirements())
        .containsExactly(new Requirement("storage.wasabi-operator.io/shard", Operator.IN, Set.of("a")),
            new Requirement("b", Operator.NOT_EXISTS, Set.of()), new Requirement("c", Operator.NOT_EQUALS, Set.of("d")));
  }

  @Test
  void aSelectorThatDoesNotParseIsRefusedNamingTheRequirement() {
    assertThatThrownBy(() -> LabelSelectorExpression.parse("team in a")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'team in a'");
    for (String selector : List.of("team=a,", "!team=a", "team in ()", "team in (a", "team)", "Team_/x=a",
        "team=a b", "-team")) {
      assertThatThrownBy(() -> LabelSelectorExpression.parse(selector)).as(selector)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static List<Boolean> selects(String selector) {
    LabelSelectorExpression parsed = LabelSelectorExpression.parse(selector);
    return List.of(parsed.matches(TEAM_A), parsed.matches(TEAM_B), parsed.matches(NONE));
  }
}
