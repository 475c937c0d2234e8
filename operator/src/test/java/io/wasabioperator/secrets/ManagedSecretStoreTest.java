package io.wasabioperator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagedSecretStoreTest {
  private final List<String> changed = new ArrayList<>();
  private final ManagedSecretStore store = new ManagedSecretStore(ManagedLabels.INTEGRATION, changed::add);

  @Test
  void keepsNothingOfSecretsItDoesNotManageButReportsTheirChanges() {
    Secret foreign = secret("team", "customer-keys", Map.of("app", "billing"));

    assertThat(store.put(store.getKey(foreign), foreign)).isNull();

    assertThat(store.get("team/customer-keys")).isNull();
    assertThat(store.size()).isZero();
    assertThat(store.values()).isEmpty();
    assertThat(changed).containsExactly("team/customer-keys");
  }

  @Test
  void answersTheRemovalOfASecretItNeverKeptWithItsKeySoTheDeletionIsAnnounced() {
    Secret removed = store.remove("team/customer-keys");

    assertThat(removed.getMetadata().getNamespace()).isEqualTo("team");
    assertThat(removed.getMetadata().getName()).isEqualTo("customer-keys");
    assertThat(removed.getData()).isNullOrEmpty();
    assertThat(changed).containsExactly("team/customer-keys");
  }

  @Test
  void keepsManagedSecretsWholeButWithoutManagedFields() {
    Secret managed = secret("team", "a-connection", Map.of(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR,
        ManagedLabels.INTEGRATION, "a"));
    store.put(store.getKey(managed), managed);

    assertThat(store.get("team/a-connection").getData()).containsKey("secretAccessKey");
    assertThat(store.get("team/a-connection").getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.keySet()).containsExactly("team/a-connection");
    assertThat(store.remove("team/a-connection")).isSameAs(managed);
    assertThat(store.values()).isEmpty();
  }

  @Test
  void keepsNothingOfTheSecretsOfTheOperatorsOtherController() {
    Secret urls = secret("team", "image", Map.of(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR));
    store.put(store.getKey(urls), urls);

    assertThat(store.get("team/image")).isNull();
  }

  @Test
  void dropsASecretWhoseManagedLabelWasTakenOffAndHandsBackTheKeptOne() {
    Secret managed = secret("team", "a-connection", Map.of(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR,
        ManagedLabels.INTEGRATION, "a"));
    store.put(store.getKey(managed), managed);
    Secret relabelled = secret("team", "a-connection", Map.of(ManagedLabels.MANAGED_BY, "someone-else",
        ManagedLabels.INTEGRATION, "a"));

    assertThat(store.put(store.getKey(relabelled), relabelled)).isSameAs(managed);
    assertThat(store.get("team/a-connection")).isNull();
  }

  private static Secret secret(String namespace, String name, Map<String, String> labels) {
    return new SecretBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withResourceVersion("7").withLabels(labels)
          .addNewManagedField().withManager("kubectl").endManagedField()
        .endMetadata()
        .withData(SecretData.encode(Map.of("secretAccessKey", "value")))
        .build();
  }
}
