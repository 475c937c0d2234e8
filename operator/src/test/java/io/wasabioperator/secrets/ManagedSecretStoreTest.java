package io.wasabioperator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagedSecretStoreTest {
  private final ManagedSecretStore store = new ManagedSecretStore();

  @Test
  void keepsOnlyMetadataOfSecretsItDoesNotManage() {
    Secret foreign = secret("team", "customer-keys", Map.of("app", "billing"));
    store.put(store.getKey(foreign), foreign);

    Secret cached = store.get("team/customer-keys");
    assertThat(cached.getData()).isNullOrEmpty();
    assertThat(cached.getStringData()).isNullOrEmpty();
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(cached.getMetadata().getLabels()).containsEntry("app", "billing");
    assertThat(cached.getMetadata().getAnnotations())
        .as("kubectl's last-applied-configuration copies the data").isNullOrEmpty();
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
  }

  @Test
  void keepsManagedSecretsWhole() {
    Secret managed = secret("team", "a-connection", Map.of(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR));
    store.put(store.getKey(managed), managed);

    assertThat(store.get("team/a-connection").getData()).containsKey("secretAccessKey");
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.keySet()).containsExactly("team/a-connection");
    assertThat(store.remove("team/a-connection")).isNotNull();
    assertThat(store.values()).isEmpty();
  }

  private static Secret secret(String namespace, String name, Map<String, String> labels) {
    return new SecretBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withResourceVersion("7").withLabels(labels)
          .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"data\":{\"secretAccessKey\":\"dmFsdWU=\"}}")
          .addNewManagedField().withManager("kubectl").endManagedField()
        .endMetadata()
        .withData(SecretData.encode(Map.of("secretAccessKey", "value")))
        .withStringData(Map.of("other", "value"))
        .build();
  }
}
