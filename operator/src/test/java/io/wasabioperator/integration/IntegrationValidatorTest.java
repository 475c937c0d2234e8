package io.wasabioperator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.CredentialsSecretRef;
import io.wasabioperator.api.ProbeSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.TenancyConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class IntegrationValidatorTest {
  private static final OperatorConfig CONFIG = OperatorConfig.defaults();
  private static final OperatorConfig ALLOW_HTTP =
      OperatorConfig.fromEnvironment(Map.of(OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
          TenancyConfig.ENDPOINT_ALLOWLIST, "127.0.0.1,*.storage.example.org"));

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        bad("missing bucket", s -> s.setBucket(null), IntegrationReason.InvalidBucketName),
        bad("two characters", s -> s.setBucket("ab"), IntegrationReason.InvalidBucketName),
        bad("64 characters", s -> s.setBucket("a".repeat(64)), IntegrationReason.InvalidBucketName),
        bad("uppercase", s -> s.setBucket("MyBucket"), IntegrationReason.InvalidBucketName),
        bad("underscore", s -> s.setBucket("my_bucket"), IntegrationReason.InvalidBucketName),
        bad("leading hyphen", s -> s.setBucket("-bucket"), IntegrationReason.InvalidBucketName),
        bad("trailing hyphen", s -> s.setBucket("bucket-"), IntegrationReason.InvalidBucketName),
        bad("IP-shaped", s -> s.setBucket("192.168.10.1"), IntegrationReason.InvalidBucketName),
        bad("dots", s -> s.setBucket("my.bucket"), IntegrationReason.BucketNameContainsDots),
        bad("dots and uppercase", s -> s.setBucket("My.Bucket"), IntegrationReason.BucketNameContainsDots),
        bad("missing region", s -> s.setRegion(null), IntegrationReason.UnknownRegion),
        bad("AWS-only region", s -> s.setRegion("sa-east-1"), IntegrationReason.UnknownRegion),
        bad("uppercase region", s -> s.setRegion("US-EAST-1"), IntegrationReason.UnknownRegion),
        bad("missing mode", s -> s.setMode(null), IntegrationReason.InvalidMode),
        bad("file endpoint", s -> s.setEndpoint("file:///etc/passwd"), IntegrationReason.InvalidEndpoint),
        bad("not a URL", s -> s.setEndpoint("https://exa mple.com"), IntegrationReason.InvalidEndpoint),
        bad("relative endpoint", s -> s.setEndpoint("s3.example.com"), IntegrationReason.InvalidEndpoint),
        bad("endpoint with path", s -> s.setEndpoint("https://s3.example.com/bucket"), IntegrationReason.InvalidEndpoint),
        bad("endpoint with user", s -> s.setEndpoint("https://AKIAUSER:Sentinel-Secret@s3.example.com"),
            IntegrationReason.InvalidEndpoint),
        bad("metadata service", s -> s.setEndpoint("https://169.254.169.254"), IntegrationReason.InvalidEndpoint),
        bad("http endpoint", s -> s.setEndpoint("http://s3.example.com"), IntegrationReason.InsecureEndpoint),
        bad("dot-dot prefix", s -> s.setPrefix("a/../b/"), IntegrationReason.InvalidPrefix),
        bad("double slash", s -> s.setPrefix("a//b/"), IntegrationReason.InvalidPrefix),
        bad("URL-shaped prefix", s -> s.setPrefix("s3://bucket/data/"), IntegrationReason.InvalidPrefix),
        bad("control character", s -> s.setPrefix("da\u0007ta/"), IntegrationReason.InvalidPrefix),
        bad("unpaired surrogate", s -> s.setPrefix("da\ud800ta/"), IntegrationReason.InvalidPrefix),
        bad("wildcard", s -> s.setAccessPrefix("tenant*/"), IntegrationReason.InvalidPrefix),
        bad("policy variable", s -> s.setAccessPrefix("${aws:username}/"), IntegrationReason.InvalidPrefix),
        bad("513 bytes", s -> s.setPrefix("é".repeat(256)), IntegrationReason.InvalidPrefix),
        bad("root as write prefix", s -> s.setPrefix("/"), IntegrationReason.InvalidPrefix),
        bad("prefix in ReadOnly", s -> {
          s.setMode(AccessMode.ReadOnly);
          s.setPrefix("data/");
        }, IntegrationReason.PrefixNotAllowedInReadOnlyMode),
        bad("prefix outside access prefix", s -> {
          s.setAccessPrefix("tenant/");
          s.setPrefix("data/");
        }, IntegrationReason.PrefixOutsideAccessPrefix),
        bad("interval too short", s -> s.setProbe(probe("29s", null)), IntegrationReason.InvalidProbeInterval),
        bad("interval zero", s -> s.setProbe(probe("0s", null)), IntegrationReason.InvalidProbeInterval),
        bad("interval negative", s -> s.setProbe(probe("-5m", null)), IntegrationReason.InvalidProbeInterval),
        bad("interval malformed", s -> s.setProbe(probe("ten minutes", null)), IntegrationReason.InvalidProbeInterval),
        bad("object key absolute", s -> s.setProbe(probe(null, "/a.jpg")), IntegrationReason.InvalidProbeObjectKey),
        bad("object key 2 KiB", s -> s.setProbe(probe(null, "k".repeat(2048))), IntegrationReason.InvalidProbeObjectKey),
        bad("blank storage name", s -> s.setStorageName(" "), IntegrationReason.InvalidStorageName),
        bad("wildcard principal", s -> s.setPrincipalArn("*"), IntegrationReason.InvalidPrincipalArn),
        bad("empty credentials name", s -> s.setCredentialsSecretRef(new CredentialsSecretRef()),
            IntegrationReason.CredentialsSecretNotFound),
        bad("endpoint not on the allowlist", s -> s.setEndpoint("https://s3.example.com"),
            IntegrationReason.EndpointNotAllowed),
        bad("cluster Service", s -> s.setEndpoint("https://minio.storage.svc.cluster.local:9000"),
            IntegrationReason.EndpointNotAllowed),
        bad("look-alike of Wasabi's host", s -> s.setEndpoint("https://s3.us-east-1.wasabisys.com.example.com"),
            IntegrationReason.EndpointNotAllowed),
        bad("credentials key with a slash", s -> s.setCredentialsSecretRef(credentialsRef("keys", "../id", null)),
            IntegrationReason.InvalidCredentialsSecretRef),
        bad("probe object in another folder", s -> {
          s.setAccessPrefix("team-b/");
          s.setProbe(probe(null, "team-a/report.pdf"));
        }, IntegrationReason.ProbeObjectKeyOutsideAccessPrefix),
        bad("credentials keys the same", s -> s.setCredentialsSecretRef(credentialsRef("keys", "password", "password")),
            IntegrationReason.InvalidCredentialsSecretRef),
        // Names that would reach the API request's path: each is refused before any call.
        bad("credentials name with a slash", s -> s.setCredentialsSecretRef(credentialsRef("a/b", null, null)),
            IntegrationReason.InvalidCredentialsSecretRef),
        bad("credentials name escaped", s -> s.setCredentialsSecretRef(credentialsRef("a%2Fb", null, null)),
            IntegrationReason.InvalidCredentialsSecretRef),
        bad("credentials name with a query", s -> s.setCredentialsSecretRef(credentialsRef("keys?watch=1", null, null)),
            IntegrationReason.InvalidCredentialsSecretRef),
        bad("credentials name '..'", s -> s.setCredentialsSecretRef(credentialsRef("..", null, null)),
            IntegrationReason.InvalidCredentialsSecretRef),
        bad("credentials name in capitals", s -> s.setCredentialsSecretRef(credentialsRef("Keys", null, null)),
            IntegrationReason.InvalidCredentialsSecretRef),
        bad("credentials name of 254 characters", s -> s.setCredentialsSecretRef(credentialsRef("k".repeat(254), null,
            null)), IntegrationReason.InvalidCredentialsSecretRef));
  }

  @Test
  void refusesANameWhoseConnectionSecretNameWouldBeTooLong() {
    WasabiStorageIntegration longest = new WasabiStorageIntegration();
    longest.setMetadata(new ObjectMetaBuilder().withName("n".repeat(242)).build());
    longest.setSpec(validSpec());
    assertThat(new IntegrationValidator(CONFIG).validate(longest)).isInstanceOf(Validation.Valid.class);

    longest.getMetadata().setName("n".repeat(243));
    assertThat(new IntegrationValidator(CONFIG).validate(longest)).isInstanceOfSatisfying(Validation.Invalid.class,
        invalid -> {
          assertThat(invalid.reason()).isEqualTo(IntegrationReason.InvalidIntegrationName);
          assertThat(invalid.message()).contains("243 characters", "<name>-connection", "at most 242");
        });
  }

  private static CredentialsSecretRef credentialsRef(String name, String idKey, String secretKey) {
    CredentialsSecretRef ref = new CredentialsSecretRef();
    ref.setName(name);
    ref.setAccessKeyIdKey(idKey);
    ref.setSecretAccessKeyKey(secretKey);
    return ref;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://s3.eu-central-2.wasabisys.com, Wasabi's regional endpoints need no allowlist",
      "https://s3.wasabisys.com, nor its global one",
      "https://S3.US-EAST-1.WASABISYS.COM, in any case",
      "http://127.0.0.1:9000, a host on the allowlist",
      "https://eu.storage.example.org, a host a glob on the allowlist matches"})
  void acceptsEndpointsOnTheAllowlist(String endpoint, String why) {
    WasabiStorageIntegrationSpec spec = validSpec();
    spec.setEndpoint(endpoint);
    assertThat(new IntegrationValidator(ALLOW_HTTP).validate(spec)).as(why).isInstanceOf(Validation.Valid.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void refusesWithItsOwnReason(String name, Consumer<WasabiStorageIntegrationSpec> change, IntegrationReason reason) {
    WasabiStorageIntegrationSpec spec = validSpec();
    change.accept(spec);
    Validation result = new IntegrationValidator(CONFIG).validate(spec);
    assertThat(result).isInstanceOfSatisfying(Validation.Invalid.class, invalid -> {
      assertThat(invalid.reason()).isEqualTo(reason);
      assertThat(invalid.message()).startsWith("spec.").doesNotContain("Sentinel-Secret").doesNotContain("AKIAUSER");
    });
  }

  @Test
  void appliesDefaults() {
    IntegrationTarget target = valid(validSpec(), CONFIG);
    assertThat(target.endpoint()).isEqualTo(URI.create("https://s3.us-east-1.wasabisys.com"));
    assertThat(target.pathStyle()).isFalse();
    assertThat(target.writePrefix()).contains("data/");
    assertThat(target.writeLocation()).contains("s3://annotations/data/");
    assertThat(target.accessPrefix()).isEmpty();
    assertThat(target.storageName()).isEqualTo("annotations");
    assertThat(target.principalArn()).isEqualTo(OperatorConfig.DEFAULT_PRINCIPAL_ARN);
    assertThat(target.probeInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(target.mirax()).isFalse();
    assertThat(target.ownCredentials()).isEmpty();
  }

  @Test
  void writePrefixDefaultsUnderTheAccessPrefix() {
    WasabiStorageIntegrationSpec spec = validSpec();
    spec.setAccessPrefix("/my_subfolder");
    IntegrationTarget target = valid(spec, CONFIG);
    assertThat(target.accessPrefix()).isEqualTo("my_subfolder/");
    assertThat(target.writePrefix()).contains("my_subfolder/data/");
  }

  @Test
  void normalisesPrefixes() {
    WasabiStorageIntegrationSpec spec = validSpec();
    spec.setAccessPrefix("tenant");
    spec.setPrefix("/tenant/frames");
    assertThat(valid(spec, CONFIG).writePrefix()).contains("tenant/frames/");
  }

  @Test
  void prefixOf512BytesIsAccepted() {
    WasabiStorageIntegrationSpec spec = validSpec();
    spec.setPrefix("é".repeat(255) + "a/");
    assertThat(valid(spec, CONFIG).writePrefix()).hasValueSatisfying(p -> assertThat(p.getBytes(
        java.nio.charset.StandardCharsets.UTF_8)).hasSize(512));
  }

  @Test
  void endpointOverrideUsesPathStyleAndHttpOnlyWhenAllowed() {
    WasabiStorageIntegrationSpec spec = validSpec();
    spec.setEndpoint("HTTP://127.0.0.1:9000/");
    IntegrationTarget target = valid(spec, ALLOW_HTTP);
    assertThat(target.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(target.pathStyle()).isTrue();
  }

  @Test
  void credentialKeysDefault() {
    WasabiStorageIntegrationSpec spec = validSpec();
    CredentialsSecretRef ref = new CredentialsSecretRef();
    ref.setName("keys");
    ref.setSecretAccessKeyKey("secret");
    spec.setCredentialsSecretRef(ref);
    assertThat(valid(spec, CONFIG).ownCredentials())
        .contains(new CredentialsSecretKeys("keys", "accessKeyId", "secret"));
  }

  @Test
  void everyWasabiRegionIsAccepted() {
    for (String region : WasabiRegions.ALL) {
      WasabiStorageIntegrationSpec spec = validSpec();
      spec.setRegion(region);
      assertThat(valid(spec, CONFIG).endpoint()).hasHost("s3." + region + ".wasabisys.com");
    }
  }

  @Test
  void probeSettingsAreRead() {
    WasabiStorageIntegrationSpec spec = validSpec();
    spec.setProbe(probe("1h30m", "images/a.jpg"));
    IntegrationTarget target = valid(spec, CONFIG);
    assertThat(target.probeInterval()).isEqualTo(Duration.ofMinutes(90));
    assertThat(target.probeObjectKey()).contains("images/a.jpg");
  }

  private static IntegrationTarget valid(WasabiStorageIntegrationSpec spec, OperatorConfig config) {
    Validation result = new IntegrationValidator(config).validate(spec);
    assertThat(result).isInstanceOf(Validation.Valid.class);
    return ((Validation.Valid) result).target();
  }

  private static WasabiStorageIntegrationSpec validSpec() {
    WasabiStorageIntegrationSpec spec = new WasabiStorageIntegrationSpec();
    spec.setBucket("annotations");
    spec.setRegion("us-east-1");
    spec.setMode(AccessMode.ReadWrite);
    return spec;
  }

  private static ProbeSpec probe(String interval, String objectKey) {
    ProbeSpec probe = new ProbeSpec();
    probe.setInterval(interval);
    probe.setObjectKey(objectKey);
    return probe;
  }

  private static Arguments bad(String name, Consumer<WasabiStorageIntegrationSpec> change, IntegrationReason reason) {
    return Arguments.of(name, change, reason);
  }
}
