package io.wasabioperator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretStoreTest {
  private static final String REQUEST = "storage.wasabi-operator.io/signed-url-request";
  private static final String REVISION = "storage.wasabi-operator.io/revision";
  private static final SecretView VIEW = new SecretView(Set.of(ManagedLabels.MANAGED_BY, REQUEST), Set.of(REVISION),
      Set.of("url"));

  @Test
  void keepsTheOperatorsSecretsWithoutManagedFieldsAndFindsThemByTheirRequest() {
    SecretStore store = SecretStore.owned(REQUEST, VIEW);
    store.put("team/a", secret("team", "a", "viewer"));
    store.put("team/b", secret("team", "b", "viewer"));
    store.put("other/c", secret("other", "c", "viewer"));

    assertThat(store.get("team/a").getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(store.get("team/a").getData()).containsOnlyKeys("url");
    assertThat(store.byIndexedLabel("team", "viewer")).extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("a", "b");

    store.put("team/b", secret("team", "b", "editor"));
    store.remove("team/a");
    assertThat(store.byIndexedLabel("team", "viewer")).isEmpty();
    assertThat(store.byIndexedLabel("team", "editor")).singleElement()
        .satisfies(s -> assertThat(s.getMetadata().getName()).isEqualTo("b"));
  }

  @Test
  void keepsADigestOfEachValueItReadsAndNeverTheValue() {
    SecretStore store = SecretStore.owned(REQUEST, VIEW);
    Secret secret = secret("team", "a", "viewer");
    String url = secret.getData().get("url");
    store.put("team/a", secret);

    String kept = store.get("team/a").getData().get("url");
    assertThat(kept).startsWith("sha256:").isNotEqualTo(url);
    assertThat(SecretView.sameValue(kept, url)).isTrue();
    assertThat(SecretView.sameValue(kept, "aHR0cHM6Ly9vdGhlcg==")).isFalse();
  }

  @Test
  void keepsNoKeyPairOfTheSecretsItOnlyWatches() {
    SecretStore store = SecretStore.metadataOnly(new SecretView(Set.of(ManagedLabels.CREDENTIALS), Set.of(), Set.of()));
    Secret credentials = secret("team", "keys", null);
    credentials.setStringData(Map.of("secretAccessKey", "plain"));
    store.put("team/keys", credentials);

    assertThat(store.get("team/keys").getData()).isNull();
    assertThat(store.get("team/keys").getStringData()).isNull();
    assertThat(store.get("team/keys").getMetadata().getName()).isEqualTo("keys");
  }

  /**
   * What a tenant's labelled Secrets cost the operator: 200 of them, each with 1 MiB of data in many keys,
   * 200 KiB of annotations, labels and owner references of its choosing, kept as the informer keeps them.
   */
  @Test
  void twoHundredHostileSecretsOf1MiBCostAFewHundredBytesEach() {
    SecretStore store = SecretStore.owned(REQUEST, VIEW);
    long sent = 0;
    for (int i = 0; i < 200; i++) {
      Secret hostile = hostile("tenant", "big-" + i);
      sent += json(hostile);
      store.put("tenant/big-" + i, hostile);
    }

    long retained = store.values().mapToLong(SecretStoreTest::json).sum();
    System.out.printf("200 hostile Secrets: %,d bytes sent, %,d bytes retained (%,d per Secret)%n", sent, retained,
        retained / 200);
    assertThat(sent).isGreaterThan(200L * 1024 * 1024);
    assertThat(retained).as("bytes retained for 200 Secrets of 1 MiB").isLessThan(200L * 1024);
    assertThat(store.get("tenant/big-0").getData()).containsOnlyKeys("url");
    assertThat(store.get("tenant/big-0").getMetadata().getAnnotations()).containsOnlyKeys(REVISION);
    assertThat(store.get("tenant/big-0").getMetadata().getAnnotations().get(REVISION)).startsWith("sha256:");
  }

  private static Secret hostile(String namespace, String name) {
    Map<String, String> data = new LinkedHashMap<>();
    byte[] chunk = new byte[16 * 1024];
    for (int k = 0; k < 64; k++) {
      data.put(k == 0 ? "url" : "blob-" + k, Base64.getEncoder().encodeToString(chunk));
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    for (int k = 0; k < 50; k++) {
      annotations.put("example.com/note-" + k, "n".repeat(4 * 1024));
    }
    annotations.put(REVISION, "9".repeat(4 * 1024));
    return new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .addToLabels(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR).addToLabels("team", "x".repeat(63))
        .withAnnotations(annotations)
        .withOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
            .withName("c".repeat(253)).withUid("u").build()))
        .withFinalizers(List.of("example.com/" + "f".repeat(200)))
        .endMetadata()
        .withData(data).build();
  }

  private static long json(Secret secret) {
    return Serialization.asJson(secret).getBytes(StandardCharsets.UTF_8).length;
  }

  private static Secret secret(String namespace, String name, String request) {
    SecretBuilder builder = new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").build())
        .addToLabels(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR).endMetadata()
        .addToData("url", "aHR0cHM6Ly9leGFtcGxl").addToData("other", "eA==");
    if (request != null) {
      builder.editMetadata().addToLabels(REQUEST, request).endMetadata();
    }
    return builder.build();
  }
}
