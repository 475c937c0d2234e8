package io.wasabioperator.install.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.wasabioperator.apiserver.CrdValidator.Result;
import io.wasabioperator.apiserver.CrdValidator.Violation;
import io.wasabioperator.apiserver.CrdValidator;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an API server with these CRDs refuses at apply time, and what it lets through. Each case starts
 * from a valid example and changes one thing (or, for some accepted edge cases, two), and names every
 * refusal expected: the field and the rule's message, or the schema keyword.
 */
class CrdRefusesBadSpecsTest {
  // The messages of the CRDs' CEL rules, as users see them.
  static final String BUCKET_DOTS =
      "bucket names with dots cannot be served by Wasabi over virtual-host HTTPS; use hyphens";
  static final String BUCKET_CHARACTERS =
      "bucket names use lowercase letters, digits and hyphens, and start and end with a letter or digit";
  static final String BUCKET_IP = "bucket names cannot be shaped like an IP address";
  static final String REGION = "region must be one of the 16 Wasabi regions, such as us-east-1 or eu-central-2";
  static final String PREFIX_READ_WRITE_ONLY =
      "prefix is only used in ReadWrite mode; remove it or set mode: ReadWrite";
  static final String PREFIX_INSIDE_ACCESS_PREFIX =
      "prefix must lie inside accessPrefix, the only folder the bucket policy grants";
  static final String FOLDER =
      "folders must not contain '.', '..' or empty segments, nor the policy wildcards *, ? and ${";
  static final String ENDPOINT =
      "endpoint must be a bare https://host[:port] URL, without credentials, path or query";
  static final String PROBE_INTERVAL = "probe.interval must be at least 30s";
  static final String KEY_LEADING_SLASH = "object keys are relative to the bucket root: no leading /";
  static final String KEY_DOT_SEGMENTS =
      "object keys must not contain '.' or '..' segments: browsers would resolve them to another object";
  static final String CONTENT_TYPE_PUT_ONLY = "contentType applies to PUT only";
  static final String DURATION_MIN = "duration must be at least 1m";
  static final String DURATION_MAX = "duration cannot exceed SigV4's 7 days";
  static final String RENEW_BEFORE_MIN = "renewBefore must be at least 5s";
  static final String RENEW_BEFORE_SHORTER =
      "renewBefore must be shorter than duration (default 4h) by at least 5s and 5% of it";

  // The examples the cases start from.
  static final String READ_WRITE = "WasabiStorageIntegration/customer-a";
  static final String READ_ONLY_PARTIAL = "WasabiStorageIntegration/customer-b";
  static final String GET = "SignedUrlRequest/tissue-1";
  static final String PUT = "SignedUrlRequest/frame-upload";
  static final String MIRAX_SLIDE = "SignedUrlRequest/case-1";

  record Refusal(String path, String reason) {}

  record Case(String name, String example, Consumer<ObjectNode> change, List<Refusal> refusals) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> badSpecs() {
    return Stream.of(
        bad("bucket with dots", READ_WRITE, set("/spec/bucket", "customer.a.slides"),
            rule("spec.bucket", BUCKET_DOTS)),
        bad("uppercase bucket", READ_WRITE, set("/spec/bucket", "Customer-A-Slides"),
            rule("spec.bucket", BUCKET_CHARACTERS)),
        bad("bucket ending with a hyphen", READ_WRITE, set("/spec/bucket", "customer-a-"),
            rule("spec.bucket", BUCKET_CHARACTERS)),
        bad("IP-shaped bucket", READ_WRITE, set("/spec/bucket", "192.168.10.20"),
            rule("spec.bucket", BUCKET_DOTS), rule("spec.bucket", BUCKET_IP)),
        bad("64-character bucket", READ_WRITE, set("/spec/bucket", "a".repeat(64)),
            schema("spec.bucket", "maxLength")),
        bad("2-character bucket", READ_WRITE, set("/spec/bucket", "ab"),
            schema("spec.bucket", "minLength")),
        bad("unknown region", READ_WRITE, set("/spec/region", "eu-central-3"),
            rule("spec.region", REGION)),
        bad("mixed-case region", READ_WRITE, set("/spec/region", "EU-Central-2"),
            rule("spec.region", REGION)),
        bad("missing region", READ_WRITE, remove("/spec/region"),
            schema("spec.region", "required")),
        // An enum or type error stops the API server from running the CEL rules at all.
        bad("mode not in the enum", READ_WRITE, set("/spec/mode", "ReadAndWrite"),
            schema("spec.mode", "enum"), rule("", CrdValidator.RULES_NOT_CHECKED)),
        bad("mirax as a string", READ_WRITE, set("/spec/mirax", "yes"),
            schema("spec.mirax", "type"), rule("", CrdValidator.RULES_NOT_CHECKED)),
        bad("credentials Secret name with a slash", READ_ONLY_PARTIAL,
            set("/spec/credentialsSecretRef/name", "../kube-system/keys"),
            schema("spec.credentialsSecretRef.name", "pattern")),
        bad("misspelt field", READ_WRITE, set("/spec/accesPrefix", "annotation-platform/"),
            schema("spec.accesPrefix", "additionalProperties")),
        bad("prefix in ReadOnly mode", READ_ONLY_PARTIAL, set("/spec/prefix", "shared-with-platform/derived/"),
            rule("spec", PREFIX_READ_WRITE_ONLY)),
        bad("prefix outside accessPrefix", READ_WRITE, set("/spec/accessPrefix", "shared/"),
            rule("spec", PREFIX_INSIDE_ACCESS_PREFIX)),
        bad("prefix with a policy variable", READ_WRITE, set("/spec/prefix", "derived/${aws:username}/"),
            rule("spec.prefix", FOLDER)),
        bad("accessPrefix with '..'", READ_ONLY_PARTIAL, set("/spec/accessPrefix", "shared-with-platform/../"),
            rule("spec.accessPrefix", FOLDER)),
        bad("accessPrefix with '//'", READ_ONLY_PARTIAL, set("/spec/accessPrefix", "shared-with-platform//"),
            rule("spec.accessPrefix", FOLDER)),
        bad("accessPrefix with '*'", READ_ONLY_PARTIAL, set("/spec/accessPrefix", "shared-*/"),
            rule("spec.accessPrefix", FOLDER)),
        bad("endpoint with a path", READ_WRITE,
            set("/spec/endpoint", "https://s3.eu-central-2.wasabisys.com/customer-a-slides"),
            rule("spec.endpoint", ENDPOINT)),
        bad("endpoint with credentials", READ_WRITE,
            set("/spec/endpoint", "https://key-id:secret@s3.eu-central-2.wasabisys.com"),
            rule("spec.endpoint", ENDPOINT)),
        bad("endpoint with a query", READ_WRITE, set("/spec/endpoint", "https://s3.eu-central-2.wasabisys.com?x=1"),
            rule("spec.endpoint", ENDPOINT)),
        bad("file:// endpoint", READ_WRITE, set("/spec/endpoint", "file:///etc/passwd"),
            rule("spec.endpoint", ENDPOINT)),
        bad("principal ARN with a wildcard", READ_WRITE, set("/spec/principalArn", "arn:aws:iam::*:user/darwin"),
            schema("spec.principalArn", "pattern")),
        bad("probe.interval 10s", READ_ONLY_PARTIAL, set("/spec/probe/interval", "10s"),
            rule("spec.probe.interval", PROBE_INTERVAL)),
        bad("probe.objectKey with a leading '/'", READ_ONLY_PARTIAL,
            set("/spec/probe/objectKey", "/shared-with-platform/README.txt"),
            rule("spec.probe.objectKey", KEY_LEADING_SLASH)),
        bad("key with a leading '/'", GET, set("/spec/key", "/images/tissue-1.svs"),
            rule("spec.key", KEY_LEADING_SLASH)),
        bad("key with a '..' segment", GET, set("/spec/key", "images/../private/tissue-1.svs"),
            rule("spec.key", KEY_DOT_SEGMENTS)),
        bad("key with a '.' segment", GET, set("/spec/key", "./images/tissue-1.svs"),
            rule("spec.key", KEY_DOT_SEGMENTS)),
        bad("key of 1025 characters", GET, set("/spec/key", "k".repeat(1025)),
            schema("spec.key", "maxLength")),
        bad("missing key", GET, remove("/spec/key"),
            schema("spec.key", "required")),
        bad("empty integration name", GET, set("/spec/integrationRef/name", ""),
            schema("spec.integrationRef.name", "minLength")),
        bad("method not in the enum", GET, set("/spec/method", "DELETE"),
            schema("spec.method", "enum"), rule("", CrdValidator.RULES_NOT_CHECKED)),
        bad("contentType with GET", PUT, set("/spec/method", "GET"),
            rule("spec", CONTENT_TYPE_PUT_ONLY)),
        bad("contentType that is no media type", PUT, set("/spec/contentType", "jpeg"),
            schema("spec.contentType", "pattern")),
        bad("duration 30s", PUT, set("/spec/duration", "30s"),
            rule("spec.duration", DURATION_MIN)),
        bad("duration 200h", PUT, set("/spec/duration", "200h"),
            rule("spec.duration", DURATION_MAX)),
        // A pattern error does not stop the CEL rules, and duration() cannot parse the value either.
        bad("duration in days", PUT, set("/spec/duration", "7d"),
            schema("spec.duration", "pattern"), rule("spec.duration", "rule evaluation error"),
            rule("spec.duration", "rule evaluation error")),
        bad("renewBefore equal to duration", GET, set("/spec/renewBefore", "2h"),
            rule("spec", RENEW_BEFORE_SHORTER)),
        bad("renewBefore longer than the default duration", MIRAX_SLIDE, set("/spec/renewBefore", "5h"),
            rule("spec", RENEW_BEFORE_SHORTER)),
        bad("renewBefore leaving less than 5% of duration", GET, set("/spec/renewBefore", "1h55m"),
            rule("spec", RENEW_BEFORE_SHORTER)),
        bad("renewBefore 1s", GET, set("/spec/renewBefore", "1s"),
            rule("spec.renewBefore", RENEW_BEFORE_MIN)),
        bad("secretName that is no Secret name", GET, set("/spec/secretName", "Tissue_1-URL"),
            schema("spec.secretName", "pattern")));
  }

  static Stream<Case> goodEdgeCases() {
    return Stream.of(
        good("3-character bucket", READ_WRITE, set("/spec/bucket", "abc")),
        good("63-character bucket", READ_WRITE, set("/spec/bucket", "a" + "-".repeat(61) + "z")),
        good("all-digit bucket that is no IP address", READ_WRITE, set("/spec/bucket", "20240101")),
        good("another region", READ_WRITE, set("/spec/region", "ap-southeast-2")),
        good("prefix with a leading '/'", READ_WRITE, set("/spec/prefix", "/annotation-platform/derived/")),
        good("prefix with a leading '/' inside accessPrefix without one", READ_WRITE,
            set("/spec/accessPrefix", "annotation-platform/").andThen(
                set("/spec/prefix", "/annotation-platform/derived/"))),
        good("accessPrefix with a leading '/' around a prefix without one", READ_WRITE,
            set("/spec/accessPrefix", "/annotation-platform/")),
        good("dots inside a folder name", READ_ONLY_PARTIAL, set("/spec/accessPrefix", "shared..v2/")),
        good("endpoint with a port and a trailing '/'", READ_WRITE,
            set("/spec/endpoint", "https://s3.storage.example.internal:9443/")),
        good("probe.interval exactly 30s", READ_ONLY_PARTIAL, set("/spec/probe/interval", "30s")),
        good("probe.interval 1h30m", READ_ONLY_PARTIAL, set("/spec/probe/interval", "1h30m")),
        good("key with '..' inside a name", GET, set("/spec/key", "images/tissue-1..v2.svs")),
        good("key with non-ASCII characters", GET, set("/spec/key", "images/Gewebeprobe-\u00fc.svs")),
        good("key of 1024 characters", GET, set("/spec/key", "k".repeat(1024))),
        good("contentType with a parameter", PUT, set("/spec/contentType", "text/plain; charset=utf-8")),
        good("PUT without contentType", PUT, remove("/spec/contentType")),
        good("duration exactly 1m", PUT, set("/spec/duration", "1m")),
        good("duration exactly 168h", PUT, set("/spec/duration", "168h")),
        good("fractional duration", PUT, set("/spec/duration", "1.5h")),
        good("renewBefore exactly 5s", GET, set("/spec/renewBefore", "5s")),
        // Each URL must be used for at least 5s and 5% of its duration before renewal, as the operator requires.
        good("renewBefore leaving exactly 5% of duration", GET, set("/spec/renewBefore", "1h54m")),
        good("renewBefore leaving exactly 5% of the default duration", MIRAX_SLIDE,
            set("/spec/renewBefore", "3h48m")),
        good("secretName with dots", GET, set("/spec/secretName", "tissue-1.url")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSpecs")
  void refused(Case bad) {
    Result result = validate(bad);

    assertThat(result.violations()).extracting(violation -> new Refusal(violation.path(), violation.reason()))
        .as("%s: %s", bad.name(), result.violations())
        .containsExactlyInAnyOrderElementsOf(bad.refusals());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodEdgeCases")
  void accepted(Case good) {
    assertThat(validate(good).violations()).as(good.name()).isEmpty();
  }

  private static Result validate(Case testCase) {
    String[] kindAndName = testCase.example().split("/");
    ObjectNode object = Examples.named(kindAndName[0], kindAndName[1]).object().deepCopy();
    // The example itself is valid, so every refusal below comes from the change.
    CrdValidator crd = Examples.crdFor(kindAndName[0]);
    assertThat(crd.validate(object).violations()).as(testCase.example()).isEmpty();

    testCase.change().accept(object);
    return crd.validate(object);
  }

  private static Case bad(String name, String example, Consumer<ObjectNode> change, Refusal... refusals) {
    return new Case(name, example, change, Arrays.asList(refusals));
  }

  private static Case good(String name, String example, Consumer<ObjectNode> change) {
    return new Case(name, example, change, List.of());
  }

  private static Refusal rule(String path, String message) {
    return new Refusal(path, message);
  }

  private static Refusal schema(String path, String keyword) {
    return new Refusal(path, keyword);
  }

  private static Consumer<ObjectNode> set(String pointer, String value) {
    return object -> parent(object, pointer).set(field(pointer), TextNode.valueOf(value));
  }

  private static Consumer<ObjectNode> remove(String pointer) {
    return object -> {
      JsonNode removed = parent(object, pointer).remove(field(pointer));
      assertThat(removed).as("the example sets " + pointer).isNotNull();
    };
  }

  private static ObjectNode parent(ObjectNode object, String pointer) {
    JsonNode parent = object.at(pointer.substring(0, pointer.lastIndexOf('/')));
    assertThat(parent.isObject()).as(pointer + " has a parent object in the example").isTrue();
    return (ObjectNode) parent;
  }

  private static String field(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }
}
