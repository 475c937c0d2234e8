package io.wasabioperator.install.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.apiserver.CrdValidator.Rule;
import io.wasabioperator.apiserver.CrdValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CEL rules of the CRDs can all be checked here, so the other tests leave none out silently. */
class CrdRulesTest {
  @Test
  void thereIsACrdForEachKind() {
    assertThat(Examples.crds()).extracting(CrdValidator::kind)
        .containsExactlyInAnyOrder("WasabiStorageIntegration", "SignedUrlRequest", "WasabiPlatformGrant");
  }

  @Test
  void everyRuleCompiles() {
    for (CrdValidator crd : Examples.crds()) {
      assertThat(crd.compileErrors()).as(crd.kind() + " rules that do not compile").isEmpty();
    }
  }

  @Test
  void rulesAreFoundAtEveryDepth() {
    assertThat(Examples.crdFor("WasabiStorageIntegration").rules()).extracting(Rule::schemaPath)
        .contains("spec", "spec.bucket", "spec.region", "spec.prefix", "spec.accessPrefix", "spec.endpoint",
            "spec.probe.interval", "spec.probe.objectKey");
    assertThat(Examples.crdFor("SignedUrlRequest").rules()).extracting(Rule::schemaPath)
        .contains("spec", "spec.key", "spec.duration", "spec.renewBefore");
  }

  @Test
  void everyRuleHasAMessage() {
    // Without one, kubectl shows the bare expression to the user.
    for (CrdValidator crd : Examples.crds()) {
      assertThat(crd.rules()).as(crd.kind()).allSatisfy(rule -> assertThat(rule.message()).isNotBlank());
    }
  }

  @Test
  void theExclusionListNamesOnlyRulesThatExist() {
    List<String> expressions = Examples.crds().stream()
        .flatMap(crd -> crd.rules().stream())
        .map(Rule::expression)
        .toList();

    assertThat(expressions).containsAll(Examples.CEL_RULES_NOT_EVALUATED);
  }
}
