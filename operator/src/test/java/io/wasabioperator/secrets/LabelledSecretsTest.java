package io.wasabioperator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.wasabioperator.signedurl.UrlSecret;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the shared informer tells the operator's own writes from everyone else's changes. */
class LabelledSecretsTest {
  private final List<String> announced = new ArrayList<>();
  private LabelledSecrets secrets;

  @BeforeEach
  void secrets() {
    secrets = new LabelledSecrets(null, ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR, Set.of(),
        () -> SecretStore.owned("request", UrlSecret.VIEW), Clock.systemUTC());
    secrets.addListener(secret -> announced.add(secret.getMetadata().getResourceVersion()));
  }

  @Test
  void theEventOfAnOwnWriteIsNotAnnouncedEvenWhenItComesBeforeTheAnswer() {
    secrets.writing("team", "url");
    secrets.changed(version("7"));
    secrets.written("team", "url", Optional.of(version("7")));
    assertThat(announced).isEmpty();

    secrets.changed(version("8"));
    assertThat(announced).containsExactly("8");
  }

  @Test
  void someoneElsesChangeThatCameDuringTheWriteIsAnnouncedOnceItAnswers() {
    secrets.writing("team", "url");
    secrets.changed(version("9"));
    assertThat(announced).as("held until the write answers").isEmpty();
    secrets.written("team", "url", Optional.of(version("8")));
    assertThat(announced).containsExactly("9");
  }

  @Test
  void aWriteThatWroteNothingReleasesWhatCameMeanwhile() {
    secrets.writing("team", "url");
    secrets.changed(version("9"));
    secrets.written("team", "url", Optional.empty());
    assertThat(announced).containsExactly("9");
  }

  @Test
  void anEventOlderThanTheOwnWriteIsNotAnnouncedAndTheWriteIsWhatIsRead() {
    secrets.writing("team", "url");
    secrets.written("team", "url", Optional.of(version("12")));
    secrets.changed(version("11"));
    assertThat(announced).isEmpty();
    assertThat(secrets.get("team", "url")).hasValueSatisfying(
        secret -> assertThat(secret.getMetadata().getResourceVersion()).isEqualTo("12"));
  }

  @Test
  void theOperatorsOwnDeletionForgetsItsWrite() {
    secrets.writing("team", "url");
    secrets.written("team", "url", Optional.of(version("12")));
    secrets.deleted("team", "url");
    assertThat(secrets.get("team", "url")).isEmpty();
  }

  private static Secret version(String resourceVersion) {
    return new SecretBuilder().withNewMetadata().withNamespace("team").withName("url")
        .withResourceVersion(resourceVersion).endMetadata().build();
  }
}
