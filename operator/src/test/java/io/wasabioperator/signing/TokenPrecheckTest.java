package io.wasabioperator.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenPrecheckTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private final TokenPrecheck precheck = new TokenPrecheck(Set.of("wasabi-operator"), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aProjectedTokenForTheOperatorsAudienceIsWorthAReview() {
    Optional<TokenPrecheck.Claims> claims = precheck.check(token("{\"aud\": [\"wasabi-operator\"], \"exp\": "
        + NOW.plusSeconds(3600).getEpochSecond() + ", \"sub\": \"system:serviceaccount:team-a:viewer\"}"));

    assertThat(claims).hasValueSatisfying(c -> {
      assertThat(c.expiry()).isEqualTo(NOW.plusSeconds(3600));
      assertThat(c.acceptedAudiences()).containsExactly("wasabi-operator");
    });
  }

  @Test
  void turnsObviousGarbageAwayWithoutAskingTheApiServer() {
    long later = NOW.plusSeconds(600).getEpochSecond();
    assertThat(precheck.check("not-a-jwt")).isEmpty();
    assertThat(precheck.check("a.b")).isEmpty();
    assertThat(precheck.check("a.!!!.c")).isEmpty();
    assertThat(precheck.check("a." + base64("not json") + ".c")).isEmpty();
    assertThat(precheck.check(token("{\"aud\": \"wasabi-operator\"}"))).as("no expiry").isEmpty();
    assertThat(precheck.check(token("{\"aud\": \"wasabi-operator\", \"exp\": " + NOW.getEpochSecond() + "}")))
        .as("expired").isEmpty();
    // A pod's ordinary token names the API server: never accepted here.
    assertThat(precheck.check(token("{\"aud\": [\"https://kubernetes.default.svc.cluster.local\"], \"exp\": "
        + later + "}"))).isEmpty();
    assertThat(precheck.check(token("{\"aud\": \"wasabi-operator\", \"exp\": " + later + "}")))
        .as("aud as a string").isPresent();
    assertThat(precheck.check("x".repeat(20_000))).isEmpty();
  }

  private static String token(String payload) {
    return base64("{\"alg\": \"RS256\"}") + "." + base64(payload) + "." + base64("signature");
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
