package io.wasabioperator.signedurl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.secrets.SecretData;
import io.wasabioperator.testsupport.MergePatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UrlSecretTest {
  private static final Instant SIGNED = Instant.parse("2026-11-28T10:00:00Z");
  private static final IssuedUrls ISSUED = new IssuedUrls(2, SIGNED, SIGNED.plus(Duration.ofHours(4)), 1, "spec",
      "integration", Optional.of("now"), true);

  @Test
  void recordsWhatItHoldsSoTheSecretAloneTellsIt() {
    Secret secret = UrlSecret.build(request(), plan(Map.of("team", "viewer", "app.kubernetes.io/managed-by", "me")),
        ISSUED, new TreeMap<>(Map.of("a.jpg", "https://example/a.jpg?X-Amz-Signature=abc")));

    assertThat(UrlSecret.read(secret)).contains(ISSUED);
    assertThat(SecretData.read(secret, "url")).contains("https://example/a.jpg?X-Amz-Signature=abc");
    assertThat(SecretData.read(secret, "expiresAt")).contains("2026-11-28T14:00:00Z");
    assertThat(secret.getData()).doesNotContainKey("urls.json");
    assertThat(secret.getMetadata().getLabels()).as("the operator's own labels win")
        .containsEntry("app.kubernetes.io/managed-by", "wasabi-operator").containsEntry("team", "viewer");
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo("uid-1"));
  }

  @Test
  void withdrawnOrEditedSecretsAreNotIntact() {
    Secret secret = UrlSecret.build(request(), plan(Map.of()), ISSUED,
        new TreeMap<>(Map.of("a.jpg", "https://example/a.jpg?X-Amz-Signature=abc")));

    Secret withdrawn = MergePatch.apply(secret, UrlSecret.withdrawn(secret));
    assertThat(withdrawn.getData()).isEmpty();
    assertThat(UrlSecret.read(withdrawn)).hasValueSatisfying(urls -> {
      assertThat(urls.intact()).isFalse();
      assertThat(urls.revision()).isEqualTo(2);
    });

    Secret edited = new SecretBuilder(secret).addToData("url", "aHR0cHM6Ly9ldmls").build();
    assertThat(UrlSecret.read(edited)).hasValueSatisfying(urls -> assertThat(urls.intact()).isFalse());

    Secret postponed = new SecretBuilder(secret).editMetadata()
        .addToAnnotations("storage.wasabi-operator.io/not-after", "2030-01-01T00:00:00Z").endMetadata().build();
    assertThat(UrlSecret.read(postponed)).hasValueSatisfying(urls -> assertThat(urls.intact()).isFalse());
  }

  @Test
  void patchesChangeOnlyTheOperatorsFieldsAndCarryTheVersionDecidedOn() {
    Secret live = new SecretBuilder(UrlSecret.build(request(), plan(Map.of()), ISSUED,
        new TreeMap<>(Map.of("a.jpg", "https://example/a.jpg?X-Amz-Signature=abc"))))
        .editMetadata().addToLabels("backup", "daily").addToAnnotations("reloader/match", "true")
        .addToAnnotations("javaoperatorsdk.io/previous", "40").addToFinalizers("backup.example/keep")
        .withResourceVersion("41").endMetadata()
        .addToData("ca.crt", "Y2E=").build();
    IssuedUrls next = new IssuedUrls(3, SIGNED.plusSeconds(60), SIGNED.plus(Duration.ofHours(5)), 1, "spec",
        "integration", Optional.empty(), true);
    var fields = UrlSecret.fields(request(), plan(Map.of()), next,
        new TreeMap<>(Map.of("a.jpg", "https://example/a.jpg?X-Amz-Signature=def")));

    assertThat(fields.mergePatch("41")).as("the version decided on is the patch's precondition")
        .extractingByKey("metadata").asInstanceOf(MAP).containsEntry("resourceVersion", "41")
        .doesNotContainKeys("ownerReferences", "finalizers");
    Secret patched = MergePatch.apply(live, fields);
    assertThat(patched.getMetadata().getLabels()).containsEntry("backup", "daily");
    assertThat(patched.getMetadata().getAnnotations()).containsEntry("reloader/match", "true")
        .doesNotContainKey("storage.wasabi-operator.io/handled-renew-request")
        .as("an earlier version's bookkeeping goes").doesNotContainKey("javaoperatorsdk.io/previous");
    assertThat(patched.getMetadata().getFinalizers()).containsExactly("backup.example/keep");
    assertThat(patched.getData()).containsEntry("ca.crt", "Y2E=");
    assertThat(UrlSecret.read(patched)).as("a data key of someone else's does not spoil the record").contains(next);
    assertThat(fields.heldBy(patched)).isTrue();
    assertThat(fields.heldBy(live)).isFalse();
  }

  @Test
  void aRequestNameLongerThanALabelValueIsLabelledWithAValidValueOfItsOwn() {
    SignedUrlRequest longNamed = request();
    String name = "viewer-" + "x".repeat(240) + ".slide";
    longNamed.getMetadata().setName(name);
    SignedUrlRequest sibling = request();
    sibling.getMetadata().setName("viewer-" + "x".repeat(240) + ".other");

    String label = UrlSecret.build(longNamed, plan(Map.of()), ISSUED, new TreeMap<>(Map.of("a.jpg", "u")))
        .getMetadata().getLabels().get(UrlSecret.REQUEST_LABEL);
    String siblingLabel = UrlSecret.build(sibling, plan(Map.of()), ISSUED, new TreeMap<>(Map.of("a.jpg", "u")))
        .getMetadata().getLabels().get(UrlSecret.REQUEST_LABEL);
    assertThat(label).hasSizeLessThanOrEqualTo(63).matches("[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?")
        .isNotEqualTo(siblingLabel);
    assertThat(UrlSecret.build(request(), plan(Map.of()), ISSUED, new TreeMap<>(Map.of("a.jpg", "u")))
        .getMetadata().getLabels()).as("a short name is its own label value")
        .containsEntry(UrlSecret.REQUEST_LABEL, "viewer");
  }

  @Test
  void aSecretWithoutARecordHoldsNothing() {
    Secret foreign = new SecretBuilder().withNewMetadata().withName("x").endMetadata().build();
    assertThat(UrlSecret.read(foreign)).isEmpty();
    Secret garbled = new SecretBuilder().withNewMetadata().withName("x")
        .addToAnnotations("storage.wasabi-operator.io/revision", "two").endMetadata().build();
    assertThat(UrlSecret.read(garbled)).isEmpty();
  }

  private static SignedUrlRequest request() {
    SignedUrlRequest request = new SignedUrlRequest();
    request.setMetadata(new ObjectMetaBuilder().withName("viewer").withNamespace("team").withUid("uid-1").build());
    return request;
  }

  private static RequestPlan plan(Map<String, String> labels) {
    return new RequestPlan("store", "a.jpg", HttpMethod.GET, Optional.empty(), Duration.ofHours(4),
        Duration.ofMinutes(80), "viewer", labels, Map.of(), false);
  }
}
