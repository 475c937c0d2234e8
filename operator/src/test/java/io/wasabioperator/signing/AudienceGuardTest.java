package io.wasabioperator.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AudienceGuardTest {
  @Test
  void anAudienceOfItsOwnIsFine() {
    assertThat(AudienceGuard.problem(Set.of("wasabi-operator"), "cluster.local", Optional.empty())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://kubernetes.default.svc", "https://kubernetes.default.svc.cluster.local",
      "https://kubernetes.default.svc.cluster.local/", "kubernetes.default.svc", "api", "https://kubernetes"})
  void refusesTheApiServersOwnAudiences(String audience) {
    assertThat(AudienceGuard.problem(Set.of("wasabi-operator", audience), "cluster.local", Optional.empty()))
        .hasValueSatisfying(problem -> assertThat(problem).contains(audience, "the API server's own"));
  }

  @Test
  void refusesWhatThePodsOwnTokenNamesAsOnManagedClustersWithTheirIssuerUrl() {
    String issuer = "https://oidc.eks.eu-central-1.amazonaws.com/id/ABC";
    String own = part("{\"alg\": \"RS256\"}") + "." + part("{\"aud\": [\"" + issuer + "\"], \"exp\": 1}") + "."
        + part("sig");

    assertThat(AudienceGuard.problem(Set.of(issuer), "cluster.local", Optional.of(own))).isPresent();
    assertThat(AudienceGuard.problem(Set.of("wasabi-operator"), "cluster.local", Optional.of(own))).isEmpty();
    assertThat(AudienceGuard.problem(Set.of(), "cluster.local", Optional.empty())).isPresent();
    assertThat(AudienceGuard.problem(Set.of("https://kubernetes.default.svc.corp.example"), "corp.example",
        Optional.empty())).isPresent();
  }

  private static String part(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
