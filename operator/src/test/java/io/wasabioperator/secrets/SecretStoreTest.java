package io.wasabioperator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretStoreTest {
  private static final String REQUEST = "storage.wasabi-operator.io/signed-url-request";

  @Test
  void keepsTheOperatorsSecretsWithoutManagedFieldsAndFindsThemByTheirRequest() {
    SecretStore store = SecretStore.owned(REQUEST);
    store.put("team/a", secret("team", "a", "viewer"));
    store.put("team/b", secret("team", "b", "viewer"));
    store.put("other/c", secret("other", "c", "viewer"));

    assertThat(store.get("team/a").getMetadata().getManagedFields()).isNull();
    assertThat(store.get("team/a").getData()).containsKey("url");
    assertThat(store.byIndexedLabel("team", "viewer")).extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("a", "b");

    store.put("team/b", secret("team", "b", "editor"));
    store.remove("team/a");
    assertThat(store.byIndexedLabel("team", "viewer")).isEmpty();
    assertThat(store.byIndexedLabel("team", "editor")).singleElement()
        .satisfies(s -> assertThat(s.getMetadata().getName()).isEqualTo("b"));
  }

  @Test
  void keepsNoKeyPairOfTheSecretsItOnlyWatches() {
    SecretStore store = SecretStore.metadataOnly();
    Secret credentials = secret("team", "keys", null);
    credentials.setStringData(Map.of("secretAccessKey", "plain"));
    store.put("team/keys", credentials);

    assertThat(store.get("team/keys").getData()).isNull();
    assertThat(store.get("team/keys").getStringData()).isNull();
    assertThat(store.get("team/keys").getMetadata().getName()).isEqualTo("keys");
  }

  private static Secret secret(String namespace, String name, String request) {
    SecretBuilder builder = new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").build())
        .addToLabels(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR).endMetadata()
        .addToData("url", "aHR0cHM6Ly9leGFtcGxl");
    if (request != null) {
      builder.editMetadata().addToLabels(REQUEST, request).endMetadata();
    }
    return builder.build();
  }
}
