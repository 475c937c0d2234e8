package io.wasabioperator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningConfigTest {
  private static final Map<String, String> ON = Map.of(SigningConfig.PORT, "8443", SigningConfig.NAMESPACE, "ops");

  private static SigningConfig read(Map<String, String> more, Optional<String> ownToken) {
    Map<String, String> env = new java.util.HashMap<>(ON);
    env.putAll(more);
    return SigningConfig.fromEnvironment(env, Optional.empty(), ownToken);
  }

  @Test
  void defaultsServeTheOperatorsOwnAudienceForAnHourAtMost() {
    SigningConfig config = read(Map.of(), Optional.empty());

    assertThat(config.audiences()).containsExactly("wasabi-operator");
    assertThat(config.maxUrlDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(config.limits()).isEqualTo(SigningConfig.Limits.DEFAULT);
    assertThat(config.drain()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.certificateNames()).containsExactly("wasabi-operator-signing", "wasabi-operator-signing.ops",
        "wasabi-operator-signing.ops.svc", "wasabi-operator-signing.ops.svc.cluster.local");
  }

  @Test
  void theApiServersOwnAudiencesStopTheOperatorFromStarting() {
    assertThatThrownBy(() -> read(Map.of(SigningConfig.AUDIENCES, "https://kubernetes.default.svc"), Optional.empty()))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(SigningConfig.AUDIENCES)
        .hasMessageContaining("API server's own");
    // A managed cluster's API audience is its issuer URL: the pod's own token names it.
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"aud\":[\"https://oidc.example.com/cluster-1\"]}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> read(Map.of(SigningConfig.AUDIENCES, "https://oidc.example.com/cluster-1"),
        Optional.of("eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln")))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("API server's own");
    assertThat(read(Map.of(SigningConfig.AUDIENCES, "wasabi-operator"),
        Optional.of("eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln")).audiences()).containsExactly("wasabi-operator");
  }

  @Test
  void aPortWithoutTheOperatorsNamespaceIsRefusedWithWhatToSet() {
    assertThatThrownBy(() -> SigningConfig.fromEnvironment(Map.of(SigningConfig.PORT, "8443"), Optional.empty(),
        Optional.empty())).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(SigningConfig.NAMESPACE);
    assertThat(SigningConfig.fromEnvironment(Map.of(), Optional.empty(), Optional.empty()).enabled()).isFalse();
  }
}
