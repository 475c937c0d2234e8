package io.wasabioperator.hostile;

import static io.wasabioperator.testsupport.Resources.credentials;
import static io.wasabioperator.testsupport.Resources.credentialsRef;
import static io.wasabioperator.testsupport.Resources.integrationRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.ProbeSpec;
import io.wasabioperator.api.SecretTemplate;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.RetryBackoff;
import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.config.SecretLocation;
import io.wasabioperator.config.TenancyConfig;
import io.wasabioperator.testsupport.EarlierCrd;
import io.wasabioperator.testsupport.LeakCheck;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed and adversarial specs of both kinds, applied together with healthy resources: each gets
 * its own reason with a readable message, none causes a retry storm, and the healthy ones are not
 * disturbed. The API server's CRD validation is absent here (as on an API server without CEL), so
 * the operator's own checks are what is tested.
 */
@RecordedApiServer
class HostileInputIT {
  static KubernetesClient client;
  private static S3TestServer s3;
  private static OperatorUnderTest operator;
  private static LeakCheck leakCheck;
  private static final String NS = "hostile";
  private static final String BUCKET = "hostile-bucket";

  private final List<Case> integrations = new ArrayList<>();
  private final List<Case> requests = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    leakCheck = new LeakCheck();
    s3 = new S3TestServer();
    s3.createBucket(BUCKET);
    s3.putObject(BUCKET, "images/a.jpg", new byte[] {1});
    s3.putObject(BUCKET, "lonely.mrxs", new byte[] {1});
    client.resource(credentials("wasabi-operator", "platform", S3TestServer.READ_WRITE)).create();
    // Retries start after 30s: whatever reconciles inside the quiet window below is a storm.
    OperatorConfig config = new OperatorConfig(Set.of(), Optional.of(new SecretLocation("wasabi-operator", "platform")),
        OperatorConfig.DEFAULT_PRINCIPAL_ARN, true, OperatorConfig.DEFAULT_PROBE_INTERVAL,
        OperatorConfig.DEFAULT_MAX_URL_DURATION, OperatorConfig.DEFAULT_MAX_RECHECK_INTERVAL,
        new RetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(5)),
        new S3Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)), Optional.empty(),
        LocalTenancy.config(Map.of(TenancyConfig.PLATFORM_GRANTS, "[{\"namespaces\": [\"" + NS + "\"], \"buckets\": [\""
            + BUCKET + "\"], \"endpoints\": [\"127.0.0.1\"]}]")), Optional.empty());
    operator = new OperatorUnderTest(client, config, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      leakCheck.assertNothingLeaked(client, List.of("hunter2", "X-Amz-Signature",
          S3TestServer.READ_WRITE.secretAccessKey()));
    } finally {
      leakCheck.close();
      operator.close();
      s3.close();
    }
  }

  @Test
  void everyHostileSpecGetsItsOwnReasonWithoutDisturbingOthers() {
    // Healthy neighbours, and the integrations the requests below refer to.
    createIntegration("good", s -> s.setAccessPrefix("images/"));
    createIntegration("good-ro", s -> {
      s.setMode(AccessMode.ReadOnly);
      s.setStorageName("good-ro");
    });
    createIntegration("good-mirax", s -> {
      s.setMode(AccessMode.ReadOnly);
      s.setMirax(true);
      s.setStorageName("good-mirax");
    });
    createRequest("good-url", s -> { });
    operator.awaitCondition(NS, "good", "Ready", "True", "Ready");
    operator.awaitRequestCondition(NS, "good-url", "Ready", "True", "Issued");

    client.resource(Resources.labelledSecret(NS, "half", Map.of("accessKeyId", "AKIAHALF"))).create();
    client.resource(Resources.labelledSecret(NS, "blank", Map.of("accessKeyId", " ", "secretAccessKey", "x"))).create();
    client.resource(Resources.secret(NS, "database", Map.of("username", "admin", "password", "hunter2"))).create();
    Secret basicAuth = Resources.labelledSecret(NS, "basic-auth", Map.of("username", "admin", "password", "hunter2"));
    basicAuth.setType("kubernetes.io/basic-auth");
    client.resource(basicAuth).create();
    client.resource(Resources.secret(NS, "squatter", Map.of("mine", "yes"))).create();
    client.resource(Resources.secret(NS, "taken-connection", Map.of("mine", "yes"))).create();

    integration("dots", "BucketNameContainsDots", s -> s.setBucket("my.bucket"));
    integration("dots-upper", "BucketNameContainsDots", s -> s.setBucket("My.Bucket"));
    integration("upper", "InvalidBucketName", s -> s.setBucket("MyBucket"));
    integration("ip", "InvalidBucketName", s -> s.setBucket("192.168.10.1"));
    integration("long-bucket", "InvalidBucketName", s -> s.setBucket("b".repeat(64)));
    integration("short-bucket", "InvalidBucketName", s -> s.setBucket("ab"));
    integration("underscore", "InvalidBucketName", s -> s.setBucket("my_bucket"));
    integration("hyphen-end", "InvalidBucketName", s -> s.setBucket("bucket-"));
    integration("no-bucket", "InvalidBucketName", s -> s.setBucket(null));
    integration("mars", "UnknownRegion", s -> s.setRegion("mars-north-1"));
    integration("mixed-region", "UnknownRegion", s -> s.setRegion("Eu-Central-1"));
    integration("aws-region", "UnknownRegion", s -> s.setRegion("sa-east-1"));
    integration("dotdot", "InvalidPrefix", s -> s.setPrefix("a/../b/"));
    integration("slashes", "InvalidPrefix", s -> s.setPrefix("a//b/"));
    integration("url-prefix", "InvalidPrefix", s -> s.setPrefix("s3://hostile-bucket/data/"));
    integration("control-prefix", "InvalidPrefix", s -> s.setPrefix("da\u0000ta/"));
    integration("huge-prefix", "InvalidPrefix", s -> s.setPrefix("p".repeat(600)));
    integration("wildcard", "InvalidPrefix", s -> s.setAccessPrefix("*"));
    integration("ro-prefix", "PrefixNotAllowedInReadOnlyMode", s -> {
      s.setMode(AccessMode.ReadOnly);
      s.setPrefix("data/");
    });
    integration("outside", "PrefixOutsideAccessPrefix", s -> {
      s.setAccessPrefix("tenant/");
      s.setPrefix("elsewhere/");
    });
    integration("file", "InvalidEndpoint", s -> s.setEndpoint("file:///etc/passwd"));
    integration("metadata", "InvalidEndpoint", s -> s.setEndpoint("http://169.254.169.254"));
    integration("path", "InvalidEndpoint", s -> s.setEndpoint("https://s3.example.com/bucket"));
    integration("userinfo", "InvalidEndpoint", s -> s.setEndpoint("https://AKIA:hunter2@s3.example.com"));
    integration("not-url", "InvalidEndpoint", s -> s.setEndpoint("::not a url::"));
    integration("zero-interval", "InvalidProbeInterval", s -> s.setProbe(probe("0s", null)));
    integration("negative-interval", "InvalidProbeInterval", s -> s.setProbe(probe("-5m", null)));
    integration("huge-interval", "InvalidProbeInterval", s -> s.setProbe(probe("999999999999h", null)));
    integration("word-interval", "InvalidProbeInterval", s -> s.setProbe(probe("often", null)));
    integration("long-key", "InvalidProbeObjectKey", s -> s.setProbe(probe(null, "k".repeat(2048))));
    integration("no-secret", "CredentialsSecretNotFound", s -> s.setCredentialsSecretRef(credentialsRef("nowhere")));
    integration("half-secret", "CredentialsSecretIncomplete", s -> s.setCredentialsSecretRef(credentialsRef("half")));
    integration("blank-secret", "CredentialsSecretIncomplete", s -> s.setCredentialsSecretRef(credentialsRef("blank")));
    integration("unlabelled-secret", "CredentialsSecretNotLabelled",
        s -> s.setCredentialsSecretRef(keysOf("database", "username", "password")));
    integration("typed-secret", "CredentialsSecretWrongType",
        s -> s.setCredentialsSecretRef(keysOf("basic-auth", "username", "password")));
    integration("slash-secret", "InvalidCredentialsSecretRef", s -> s.setCredentialsSecretRef(credentialsRef("a/b")));
    integration("escaped-secret", "InvalidCredentialsSecretRef",
        s -> s.setCredentialsSecretRef(credentialsRef("..%2Fkube-system%2Fkeys")));
    // Its connection Secret's name would be 261 characters: a real API server refuses it with 422.
    integration("n".repeat(250), "InvalidIntegrationName", s -> { });
    integration("same-keys", "InvalidCredentialsSecretRef",
        s -> s.setCredentialsSecretRef(keysOf("database", "password", "password")));
    integration("path-key", "InvalidCredentialsSecretRef",
        s -> s.setCredentialsSecretRef(keysOf("database", "../password", "username")));
    integration("foreign-endpoint", "EndpointNotAllowed", s -> s.setEndpoint("https://s3.attacker.example"));
    integration("cluster-service", "EndpointNotAllowed",
        s -> s.setEndpoint("https://kubernetes.default.svc.cluster.local"));
    integration("ungranted-bucket", "PlatformIdentityNotGranted", s -> s.setBucket("someone-elses-bucket"));
    integration("public", "InvalidPrincipalArn", s -> s.setPrincipalArn("*"));
    integration("same-name", "StorageNameConflict", s -> s.setStorageName(BUCKET));
    integration("taken", "ConnectionSecretConflict", s -> s.setStorageName("taken"));

    request("no-integration", "IntegrationNotFound", s -> s.setIntegrationRef(integrationRef("nothing")));
    request("empty-ref", "IntegrationNotFound", s -> s.setIntegrationRef(integrationRef("")));
    request("unready", "IntegrationNotReady", s -> s.setIntegrationRef(integrationRef("dots")));
    request("put-ro", "IntegrationReadOnly", s -> {
      s.setIntegrationRef(integrationRef("good-ro"));
      s.setMethod(HttpMethod.PUT);
    });
    request("slash-key", "InvalidKey", s -> s.setKey("/images/a.jpg"));
    request("empty-key", "InvalidKey", s -> s.setKey(""));
    request("control-key", "InvalidKey", s -> s.setKey("images/a\u0007.jpg"));
    request("newline-key", "InvalidKey", s -> s.setKey("images/a\n.jpg"));
    // (An unpaired UTF-16 surrogate cannot travel through the API's JSON at all; the unit tests cover it.)
    request("dot-key", "InvalidKey", s -> s.setKey("images/./a.jpg"));
    request("long-request-key", "InvalidKey", s -> s.setKey("images/" + "k".repeat(2048)));
    request("dotdot-key", "InvalidKey", s -> s.setKey("images/../private/a.jpg"));
    request("outside-key", "KeyOutsideAccessPrefix", s -> s.setKey("private/a.jpg"));
    request("zero", "InvalidDuration", s -> s.setDuration("0s"));
    request("negative", "InvalidDuration", s -> s.setDuration("-1h"));
    request("word", "InvalidDuration", s -> s.setDuration("forever"));
    request("enormous", "InvalidDuration", s -> s.setDuration("9999999999h"));
    request("too-long", "DurationTooLong", s -> s.setDuration("5h"));
    request("week", "DurationTooLong", s -> s.setDuration("169h"));
    request("renew-equal", "InvalidRenewBefore", s -> {
      s.setDuration("1h");
      s.setRenewBefore("1h");
    });
    request("renew-tiny", "InvalidRenewBefore", s -> s.setRenewBefore("1s"));
    request("renew-word", "InvalidRenewBefore", s -> s.setRenewBefore("soon"));
    request("squat", "SecretNameConflict", s -> s.setSecretName("squatter"));
    request("steal", "SecretNameConflict", s -> s.setSecretName("good-url"));
    request("bad-secret-name", "InvalidSecretName", s -> s.setSecretName("Bad_Name"));
    request("not-mirax", "MiraxNotEnabled", s -> s.setKey("images/slide.mrxs"));
    request("lonely", "MiraxFolderEmpty", s -> {
      s.setIntegrationRef(integrationRef("good-mirax"));
      s.setKey("lonely.mrxs");
    });
    request("get-type", "InvalidContentType", s -> s.setContentType("image/png"));
    request("bad-type", "InvalidContentType", s -> {
      s.setMethod(HttpMethod.PUT);
      s.setContentType("image/png\r\nX-Injected: yes");
    });
    request("bad-label", "InvalidSecretTemplate", s -> {
      SecretTemplate template = new SecretTemplate();
      template.setLabels(Map.of("bad key!", "x"));
      s.setSecretTemplate(template);
    });

    assertThat(integrations.size() + requests.size()).as("hostile specs").isGreaterThanOrEqualTo(60);
    for (Case c : integrations) {
      assertReadable(operator.awaitCondition(NS, c.name(), "Ready", "False", c.reason()));
    }
    for (Case c : requests) {
      assertReadable(operator.awaitRequestCondition(NS, c.name(), "Ready", "False", c.reason()));
    }

    // No retry storm: over a quiet window, almost nothing is reconciled again.
    assertThat(reconciles()).as("reconciles counted so far").isGreaterThanOrEqualTo(integrations.size() + requests.size());
    double before = reconciles();
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> true);
    assertThat(reconciles() - before).as("reconciles in 5 quiet seconds").isLessThanOrEqualTo(1);

    // The healthy neighbours were not disturbed.
    assertThat(operator.condition(NS, "good", "Ready").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(operator.request(NS, "good-url").getStatus().getRevision()).isEqualTo(1L);
    assertThat(Resources.decoded(client.secrets().inNamespace(NS).withName("squatter").get()))
        .containsExactly(Map.entry("mine", "yes"));
  }

  private static void assertReadable(Condition condition) {
    assertThat(condition.getMessage()).isNotBlank().hasSizeLessThan(1200)
        .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("hunter2");
  }

  private static double reconciles() {
    return operator.metrics().registry().find("operator.sdk.reconciliations.started").counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  private void integration(String name, String reason, Consumer<WasabiStorageIntegrationSpec> change) {
    createIntegration(name, spec -> {
      spec.setStorageName(name);
      change.accept(spec);
    });
    integrations.add(new Case(name, reason));
  }

  private void request(String name, String reason, Consumer<SignedUrlRequestSpec> change) {
    createRequest(name, change);
    requests.add(new Case(name, reason));
  }

  private static io.wasabioperator.api.CredentialsSecretRef keysOf(String name, String idKey,
      String secretKey) {
    io.wasabioperator.api.CredentialsSecretRef ref = Resources.credentialsRef(name);
    ref.setAccessKeyIdKey(idKey);
    ref.setSecretAccessKeyKey(secretKey);
    return ref;
  }

  private static void createIntegration(String name, Consumer<WasabiStorageIntegrationSpec> change) {
    WasabiStorageIntegration integration = Resources.integration(NS, name, BUCKET, AccessMode.ReadWrite);
    integration.getSpec().setEndpoint(s3.endpoint().toString());
    change.accept(integration.getSpec());
    EarlierCrd.create(client, integration);
  }

  private static void createRequest(String name, Consumer<SignedUrlRequestSpec> change) {
    SignedUrlRequest request = new SignedUrlRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    SignedUrlRequestSpec spec = new SignedUrlRequestSpec();
    spec.setIntegrationRef(integrationRef("good"));
    spec.setKey("images/a.jpg");
    change.accept(spec);
    request.setSpec(spec);
    EarlierCrd.create(client, request);
  }

  private static ProbeSpec probe(String interval, String objectKey) {
    ProbeSpec probe = new ProbeSpec();
    probe.setInterval(interval);
    probe.setObjectKey(objectKey);
    return probe;
  }

  private record Case(String name, String reason) {}
}
