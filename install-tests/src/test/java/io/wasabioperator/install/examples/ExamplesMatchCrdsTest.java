package io.wasabioperator.install.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.apiserver.CrdValidator.Result;
import io.wasabioperator.apiserver.CrdValidator.Rule;
import io.wasabioperator.apiserver.CrdValidator;
import io.wasabioperator.install.examples.Examples.Manifest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every custom resource among the examples passes its CRD's schema and CEL rules, as an API server would check it. */
class ExamplesMatchCrdsTest {
  static List<Manifest> customResources() {
    return Examples.manifests().stream()
        .filter(manifest -> manifest.apiVersion().startsWith(Examples.GROUP + "/"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("customResources")
  void customResourceIsValid(Manifest manifest) {
    CrdValidator crd = Examples.crds().stream().filter(candidate -> candidate.handles(manifest.object()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(manifest + ": no CRD in crds/ serves " + manifest.apiVersion()
            + " " + manifest.kind()));

    Result result = crd.validate(manifest.object());

    assertThat(result.violations()).as(manifest + " refused").isEmpty();
    // Not vacuous: the rules on spec itself, and those of each field set, actually ran.
    List<Rule> specRules = crd.rules().stream().filter(rule -> rule.schemaPath().equals("spec")).toList();
    assertThat(specRules).isNotEmpty();
    assertThat(result.evaluatedRules()).containsAll(specRules);
    manifest.spec().fieldNames().forEachRemaining(field -> assertThat(result.evaluatedRules())
        .containsAll(crd.rules().stream().filter(rule -> rule.schemaPath().equals("spec." + field)).toList()));
  }
}
