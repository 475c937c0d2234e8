package io.wasabioperator.signedurl;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.IntegrationRef;
import io.wasabioperator.api.SecretTemplate;
import io.wasabioperator.api.SignedUrlRequestSpec;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignedUrlRequestValidatorTest {
  private static final SignedUrlRequestValidator VALIDATOR = new SignedUrlRequestValidator(Duration.ofHours(4));

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        bad("no integration", s -> s.setIntegrationRef(null), SignedUrlReason.IntegrationNotFound),
        bad("blank integration", s -> s.getIntegrationRef().setName(" "), SignedUrlReason.IntegrationNotFound),
        bad("missing key", s -> s.setKey(null), SignedUrlReason.InvalidKey),
        bad("empty key", s -> s.setKey(""), SignedUrlReason.InvalidKey),
        bad("absolute key", s -> s.setKey("/a.jpg"), SignedUrlReason.InvalidKey),
        bad("control character", s -> s.setKey("a\u0000.jpg"), SignedUrlReason.InvalidKey),
        bad("newline", s -> s.setKey("a\n.jpg"), SignedUrlReason.InvalidKey),
        bad("unpaired surrogate", s -> s.setKey("a\udc00.jpg"), SignedUrlReason.InvalidKey),
        bad("2 KiB key", s -> s.setKey("k".repeat(2048)), SignedUrlReason.InvalidKey),
        bad("1025 bytes", s -> s.setKey("é".repeat(512) + "a"), SignedUrlReason.InvalidKey),
        bad("content type on GET", s -> s.setContentType("image/png"), SignedUrlReason.InvalidContentType),
        bad("malformed content type", s -> {
          s.setMethod(HttpMethod.PUT);
          s.setContentType("png");
        }, SignedUrlReason.InvalidContentType),
        bad("content type with newline", s -> {
          s.setMethod(HttpMethod.PUT);
          s.setContentType("image/png\r\nX-Evil: 1");
        }, SignedUrlReason.InvalidContentType),
        bad("zero duration", s -> s.setDuration("0s"), SignedUrlReason.InvalidDuration),
        bad("59s duration", s -> s.setDuration("59s"), SignedUrlReason.InvalidDuration),
        bad("negative duration", s -> s.setDuration("-1h"), SignedUrlReason.InvalidDuration),
        bad("malformed duration", s -> s.setDuration("four hours"), SignedUrlReason.InvalidDuration),
        bad("huge duration", s -> s.setDuration("99999999h"), SignedUrlReason.InvalidDuration),
        bad("over the cap", s -> s.setDuration("4h1s"), SignedUrlReason.DurationTooLong),
        bad("over SigV4's week", s -> s.setDuration("169h"), SignedUrlReason.DurationTooLong),
        bad("renewBefore equals duration", s -> {
          s.setDuration("1h");
          s.setRenewBefore("1h");
        }, SignedUrlReason.InvalidRenewBefore),
        bad("renewBefore above duration", s -> s.setRenewBefore("5h"), SignedUrlReason.InvalidRenewBefore),
        bad("renewBefore 4s", s -> s.setRenewBefore("4s"), SignedUrlReason.InvalidRenewBefore),
        bad("URL would live 1s before renewal", s -> {
          s.setDuration("1m");
          s.setRenewBefore("59s");
        }, SignedUrlReason.InvalidRenewBefore),
        bad("URL would live under 5% of 4h", s -> s.setRenewBefore("3h49m"), SignedUrlReason.InvalidRenewBefore),
        bad("dot-dot key", s -> s.setKey("images/../secret/a.jpg"), SignedUrlReason.InvalidKey),
        bad("dot key", s -> s.setKey("./a.jpg"), SignedUrlReason.InvalidKey),
        bad("renewBefore malformed", s -> s.setRenewBefore("soon"), SignedUrlReason.InvalidRenewBefore),
        bad("uppercase secret name", s -> s.setSecretName("MySecret"), SignedUrlReason.InvalidSecretName),
        bad("secret name with slash", s -> s.setSecretName("a/b"), SignedUrlReason.InvalidSecretName),
        bad("bad template label", s -> s.setSecretTemplate(template(Map.of("bad key!", "x"), Map.of())),
            SignedUrlReason.InvalidSecretTemplate),
        bad("bad template label value", s -> s.setSecretTemplate(template(Map.of("app", "a b"), Map.of())),
            SignedUrlReason.InvalidSecretTemplate),
        bad("bad template annotation", s -> s.setSecretTemplate(template(Map.of(), Map.of("", "x"))),
            SignedUrlReason.InvalidSecretTemplate));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void refusesWithItsOwnReason(String name, Consumer<SignedUrlRequestSpec> change, SignedUrlReason reason) {
    SignedUrlRequestSpec spec = validSpec();
    change.accept(spec);
    assertThat(VALIDATOR.validate("viewer", spec)).isInstanceOfSatisfying(RequestValidation.Invalid.class,
        invalid -> {
          assertThat(invalid.reason()).isEqualTo(reason);
          assertThat(invalid.message()).startsWith("spec.");
        });
  }

  @Test
  void appliesDefaults() {
    RequestPlan plan = valid(validSpec());
    assertThat(plan.method()).isEqualTo(HttpMethod.GET);
    assertThat(plan.duration()).isEqualTo(Duration.ofHours(4));
    assertThat(plan.renewBefore()).isEqualTo(Duration.ofMinutes(80));
    assertThat(plan.secretName()).isEqualTo("viewer");
    assertThat(plan.contentType()).isEmpty();
    assertThat(plan.miraxSlide()).isFalse();
  }

  @Test
  void defaultDurationFollowsALowerCap() {
    RequestPlan plan = ((RequestValidation.Valid) new SignedUrlRequestValidator(Duration.ofHours(1))
        .validate("viewer", validSpec())).plan();
    assertThat(plan.duration()).isEqualTo(Duration.ofHours(1));
    assertThat(plan.renewBefore()).isEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void acceptsTheBounds() {
    SignedUrlRequestSpec spec = validSpec();
    spec.setDuration("1m");
    spec.setRenewBefore("5s");
    RequestPlan shortest = valid(spec);
    assertThat(shortest.duration()).isEqualTo(Duration.ofMinutes(1));
    assertThat(shortest.renewBefore()).isEqualTo(Duration.ofSeconds(5));
    spec.setRenewBefore("55s");
    assertThat(valid(spec).renewBefore()).isEqualTo(Duration.ofSeconds(55));
    spec.setDuration("4h");
    spec.setRenewBefore("3h48m");
    assertThat(valid(spec).renewBefore()).isEqualTo(Duration.ofMinutes(228));
  }

  @Test
  void miraxSlidesAreGetsOfMrxsKeysInAnyCase() {
    SignedUrlRequestSpec spec = validSpec();
    spec.setKey("slides/Case 1.MRXS");
    RequestPlan plan = valid(spec);
    assertThat(plan.miraxSlide()).isTrue();
    assertThat(plan.companionFolder()).isEqualTo("slides/Case 1/");
    spec.setMethod(HttpMethod.PUT);
    assertThat(valid(spec).miraxSlide()).as("uploading a slide file signs just that file").isFalse();
  }

  @Test
  void putKeepsItsContentType() {
    SignedUrlRequestSpec spec = validSpec();
    spec.setMethod(HttpMethod.PUT);
    spec.setContentType("image/jpeg; charset=binary");
    assertThat(valid(spec).contentType()).contains("image/jpeg; charset=binary");
  }

  private static RequestPlan valid(SignedUrlRequestSpec spec) {
    RequestValidation result = VALIDATOR.validate("viewer", spec);
    assertThat(result).isInstanceOf(RequestValidation.Valid.class);
    return ((RequestValidation.Valid) result).plan();
  }

  private static SignedUrlRequestSpec validSpec() {
    SignedUrlRequestSpec spec = new SignedUrlRequestSpec();
    IntegrationRef ref = new IntegrationRef();
    ref.setName("store");
    spec.setIntegrationRef(ref);
    spec.setKey("images/a.jpg");
    return spec;
  }

  private static SecretTemplate template(Map<String, String> labels, Map<String, String> annotations) {
    SecretTemplate template = new SecretTemplate();
    template.setLabels(labels);
    template.setAnnotations(annotations);
    return template;
  }

  private static Arguments bad(String name, Consumer<SignedUrlRequestSpec> change, SignedUrlReason reason) {
    return Arguments.of(name, change, reason);
  }
}
