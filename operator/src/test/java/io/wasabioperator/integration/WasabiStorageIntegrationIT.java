package io.wasabioperator.integration;

import static io.wasabioperator.testsupport.Resources.credentials;
import static io.wasabioperator.testsupport.Resources.credentialsRef;
import static io.wasabioperator.testsupport.Resources.decoded;
import static io.wasabioperator.testsupport.Resources.integration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.PermissionState;
import io.wasabioperator.api.Permissions;
import io.wasabioperator.api.ProbeSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.RetryBackoff;
import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.config.SecretLocation;
import io.wasabioperator.secrets.ManagedLabels;
import io.wasabioperator.secrets.SecretData;
import io.wasabioperator.testsupport.EarlierCrd;
import io.wasabioperator.testsupport.LeakCheck;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.RecordedS3Stub;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jclouds.blobstore.domain.Blob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real operator against the mock API server (CRUD mode) and a real S3 server with identities of
 * different rights. Each test works in a namespace of its own.
 */
@RecordedApiServer
class WasabiStorageIntegrationIT {
  static KubernetesClient client;
  private static S3TestServer s3;
  private static OperatorUnderTest operator;
  private static LeakCheck leakCheck;
  private static final AtomicInteger namespaces = new AtomicInteger();
  private static final String PLATFORM_NAMESPACE = "wasabi-operator";
  private static final String ARN = OperatorConfig.DEFAULT_PRINCIPAL_ARN;

  private String ns;
  private String defaultEndpoint;

  @BeforeAll
  static void start() throws Exception {
    leakCheck = new LeakCheck();
    s3 = new S3TestServer();
    client.resource(credentials(PLATFORM_NAMESPACE, "platform", S3TestServer.READ_WRITE)).create();
    OperatorConfig config = new OperatorConfig(Set.of(),
        Optional.of(new SecretLocation(PLATFORM_NAMESPACE, "platform")), ARN, true, Duration.ofSeconds(2),
        OperatorConfig.DEFAULT_MAX_URL_DURATION, OperatorConfig.DEFAULT_MAX_RECHECK_INTERVAL,
        new RetryBackoff(Duration.ofMillis(300), Duration.ofSeconds(1)),
        new S3Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)), Optional.empty(),
        LocalTenancy.config(), Optional.empty());
    operator = new OperatorUnderTest(client, config);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      leakCheck.assertNothingLeaked(client, List.of(S3TestServer.READ_WRITE.secretAccessKey(),
          S3TestServer.READ_ONLY.secretAccessKey(), S3TestServer.READ_ONLY_NO_LIST.secretAccessKey(),
          "not-a-real-secret", "wrong-secret-value", "second-pair-secret-Sentinel"));
      leakCheck.assertReconcilerLinesNameTheirResource();
    } finally {
      leakCheck.close();
      operator.close();
      s3.close();
    }
  }

  @BeforeEach
  void namespace() {
    ns = "test-" + namespaces.incrementAndGet();
  }

  /** Finished tests' integrations would otherwise keep probing for the rest of the class. */
  @AfterEach
  void deleteIntegrations() {
    client.resources(WasabiStorageIntegration.class).inNamespace(ns).delete();
  }

  @Test
  void readWriteIntegrationWritesTheProbeObjectAndBecomesReady() {
    s3.createBucket("rw-bucket");
    create("rw", "rw-bucket", AccessMode.ReadWrite, spec -> { });

    operator.awaitCondition(ns, "rw", "Ready", "True", "Ready");
    WasabiStorageIntegrationStatus status = operator.integration(ns, "rw").getStatus();
    assertThat(condition(status, "Validated").getReason()).isEqualTo("Valid");
    assertThat(condition(status, "AccessVerified").getReason()).isEqualTo("AccessVerified");
    assertThat(status.getPermissions()).isEqualTo(
        new Permissions(PermissionState.Verified, PermissionState.Verified, PermissionState.NotRequired));
    assertThat(status.getWriteLocation()).isEqualTo("s3://rw-bucket/data/");
    assertThat(status.getStorageName()).isEqualTo("rw-bucket");
    assertThat(status.getEndpoint()).isEqualTo(s3.endpoint().toString());
    assertThat(status.getObservedGeneration()).isEqualTo(1L);
    assertThat(status.getBucketPolicy()).isEqualTo(
        BucketPolicyRenderer.render("rw-bucket", "", AccessMode.ReadWrite, false, ARN));
    assertThat(status.getConditions()).allMatch(c -> c.getObservedGeneration() == 1L);

    Blob probe = s3.store().getBlob("rw-bucket", "data/.wasabi-operator-probe");
    assertThat(probe).as("probe object written under the write prefix").isNotNull();
  }

  @Test
  void connectionSecretOfPlatformIdentityCarriesNoKeys() {
    s3.createBucket("platform-bucket");
    create("plat", "platform-bucket", AccessMode.ReadWrite, spec -> spec.setPrefix("frames/"));
    operator.awaitCondition(ns, "plat", "Ready", "True", "Ready");

    Secret secret = client.secrets().inNamespace(ns).withName("plat-connection").get();
    assertThat(decoded(secret)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
        "WASABI_BUCKET", "platform-bucket",
        "WASABI_MODE", "ReadWrite",
        "WASABI_STORAGE_NAME", "platform-bucket",
        "WASABI_PREFIX", "frames/"));
    assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "wasabi-operator")
        .containsEntry("storage.wasabi-operator.io/integration", "plat");
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(operator.integration(ns, "plat").getMetadata().getUid()));
    assertThat(operator.integration(ns, "plat").getStatus().getConnectionSecretName()).isEqualTo("plat-connection");
  }

  @Test
  void connectionSecretOfOwnCredentialsCarriesTheKeyPair() {
    s3.createBucket("own-bucket");
    client.resource(credentials(ns, "keys", S3TestServer.READ_ONLY)).create();
    create("own", "own-bucket", AccessMode.ReadOnly, spec -> spec.setCredentialsSecretRef(credentialsRef("keys")));
    operator.awaitCondition(ns, "own", "Ready", "True", "Ready");

    Map<String, String> data = decoded(client.secrets().inNamespace(ns).withName("own-connection").get());
    assertThat(data).containsEntry("AWS_ACCESS_KEY_ID", S3TestServer.READ_ONLY.accessKeyId())
        .containsEntry("AWS_SECRET_ACCESS_KEY", S3TestServer.READ_ONLY.secretAccessKey())
        .containsEntry("WASABI_MODE", "ReadOnly")
        .doesNotContainKey("WASABI_PREFIX");
  }

  @Test
  void readOnlyWithListRightsProvesReadThroughAMissingKey() {
    s3.createBucket("ro-bucket");
    client.resource(credentials(ns, "keys", S3TestServer.READ_ONLY)).create();
    create("ro", "ro-bucket", AccessMode.ReadOnly, spec -> spec.setCredentialsSecretRef(credentialsRef("keys")));

    operator.awaitCondition(ns, "ro", "Ready", "True", "Ready");
    assertThat(operator.integration(ns, "ro").getStatus().getPermissions()).isEqualTo(
        new Permissions(PermissionState.Verified, PermissionState.NotRequired, PermissionState.NotRequired));
    assertThat(operator.integration(ns, "ro").getStatus().getWriteLocation()).isNull();
  }

  @Test
  void readOnlyWithoutListRightsNeedsAProbeObjectKey() {
    s3.createBucket("nolist-bucket");
    s3.putObject("nolist-bucket", "slides/one.svs", "image".getBytes(StandardCharsets.UTF_8));
    client.resource(credentials(ns, "keys", S3TestServer.READ_ONLY_NO_LIST)).create();
    create("nolist", "nolist-bucket", AccessMode.ReadOnly, spec -> spec.setCredentialsSecretRef(credentialsRef("keys")));

    Condition unverified = operator.awaitCondition(ns, "nolist", "AccessVerified", "Unknown", "ReadAccessUnverified");
    assertThat(unverified.getMessage()).contains("spec.probe.objectKey");
    operator.awaitCondition(ns, "nolist", "Ready", "False", "ReadAccessUnverified");
    assertThat(operator.integration(ns, "nolist").getStatus().getPermissions().getRead())
        .isEqualTo(PermissionState.Unverified);

    edit("nolist", spec -> spec.setProbe(probe("slides/one.svs")));
    operator.awaitCondition(ns, "nolist", "Ready", "True", "Ready");
    assertThat(operator.integration(ns, "nolist").getStatus().getPermissions().getRead())
        .isEqualTo(PermissionState.Verified);
  }

  @Test
  void readWriteWithReadOnlyKeysIsDeniedWithTheActionAndKeyNamed() {
    s3.createBucket("denied-bucket");
    client.resource(credentials(ns, "keys", S3TestServer.READ_ONLY)).create();
    create("denied", "denied-bucket", AccessMode.ReadWrite, spec -> {
      spec.setCredentialsSecretRef(credentialsRef("keys"));
      spec.setAccessPrefix("tenant/");
    });

    Condition denied = operator.awaitCondition(ns, "denied", "AccessVerified", "False", "AccessDenied");
    assertThat(denied.getMessage()).contains("s3:PutObject on s3://denied-bucket/tenant/data/.wasabi-operator-probe")
        .contains("status.bucketPolicy");
    operator.awaitCondition(ns, "denied", "Ready", "False", "AccessDenied");
    Permissions permissions = operator.integration(ns, "denied").getStatus().getPermissions();
    assertThat(permissions.getWrite()).isEqualTo(PermissionState.Denied);
    assertThat(permissions.getRead()).isEqualTo(PermissionState.Verified);
  }

  @Test
  void miraxListIsVerifiedWithListRightsAndDeniedWithout() {
    s3.createBucket("mirax-bucket");
    s3.putObject("mirax-bucket", "slides/a.mrxs", new byte[] {1});
    client.resource(credentials(ns, "list-keys", S3TestServer.READ_ONLY)).create();
    client.resource(credentials(ns, "nolist-keys", S3TestServer.READ_ONLY_NO_LIST)).create();
    create("listed", "mirax-bucket", AccessMode.ReadOnly, spec -> {
      spec.setCredentialsSecretRef(credentialsRef("list-keys"));
      spec.setMirax(true);
      spec.setStorageName("listed");
    });
    create("unlisted", "mirax-bucket", AccessMode.ReadOnly, spec -> {
      spec.setCredentialsSecretRef(credentialsRef("nolist-keys"));
      spec.setMirax(true);
      spec.setStorageName("unlisted");
      spec.setProbe(probe("slides/a.mrxs"));
    });

    operator.awaitCondition(ns, "listed", "Ready", "True", "Ready");
    assertThat(operator.integration(ns, "listed").getStatus().getPermissions().getList())
        .isEqualTo(PermissionState.Verified);
    Condition denied = operator.awaitCondition(ns, "unlisted", "AccessVerified", "False", "AccessDenied");
    assertThat(denied.getMessage()).contains("s3:ListBucket on s3://mirax-bucket");
    assertThat(operator.integration(ns, "unlisted").getStatus().getPermissions().getList())
        .isEqualTo(PermissionState.Denied);
  }

  @Test
  void rotatedCredentialsTurnInvalidCredentialsIntoReadyWithoutTouchingTheIntegration() {
    s3.createBucket("rotate-bucket");
    client.resource(Resources.labelledSecret(ns, "keys", Map.of("accessKeyId", "AKIAUNKNOWN000000000",
        "secretAccessKey", "not-a-real-secret"))).create();
    create("rotate", "rotate-bucket", AccessMode.ReadWrite, spec -> spec.setCredentialsSecretRef(credentialsRef("keys")));
    Condition invalid = operator.awaitCondition(ns, "rotate", "AccessVerified", "False", "InvalidCredentials");
    assertThat(invalid.getMessage()).contains("Secret " + ns + "/keys").doesNotContain("not-a-real-secret");
    long generation = operator.integration(ns, "rotate").getMetadata().getGeneration();

    client.resource(credentials(ns, "keys", S3TestServer.READ_WRITE)).update();

    operator.awaitCondition(ns, "rotate", "Ready", "True", "Ready");
    assertThat(operator.integration(ns, "rotate").getMetadata().getGeneration()).isEqualTo(generation);
  }

  @Test
  void anUnlabelledCredentialsSecretIsRefusedUntilItsOwnerLabelsIt() {
    s3.createBucket("unlabelled-bucket");
    client.resource(Resources.secret(ns, "keys", Map.of("accessKeyId", S3TestServer.READ_WRITE.accessKeyId(),
        "secretAccessKey", S3TestServer.READ_WRITE.secretAccessKey()))).create();
    create("unlabelled", "unlabelled-bucket", AccessMode.ReadWrite,
        spec -> spec.setCredentialsSecretRef(credentialsRef("keys")));
    expectInvalid("unlabelled", "CredentialsSecretNotLabelled", ManagedLabels.CREDENTIALS);
    assertThat(client.secrets().inNamespace(ns).withName("unlabelled-connection").get())
        .as("nothing copied from it").isNull();

    client.secrets().inNamespace(ns).withName("keys").edit(secret -> {
      secret.getMetadata().setLabels(Map.of(ManagedLabels.CREDENTIALS, "true"));
      return secret;
    });

    // The label brings the Secret into the watched set: no wait for a retry.
    operator.awaitCondition(ns, "unlabelled", "Ready", "True", "Ready");
    await().atMost(Duration.ofSeconds(5)).until(() -> S3TestServer.READ_WRITE.accessKeyId().equals(decoded(client
        .secrets().inNamespace(ns).withName("unlabelled-connection").get()).get("AWS_ACCESS_KEY_ID")));
  }

  @Test
  void whatOthersPutOnTheConnectionSecretStaysWhenTheOperatorWritesIt() {
    s3.createBucket("marked-bucket");
    create("marked", "marked-bucket", AccessMode.ReadWrite, spec -> { });
    operator.awaitCondition(ns, "marked", "Ready", "True", "Ready");
    OwnerReference holder = new OwnerReference("v1", false, false, "ConfigMap", "holder", "uid-of-holder");
    client.secrets().inNamespace(ns).withName("marked-connection").edit(secret -> new SecretBuilder(secret)
        .editMetadata()
          .addToLabels("backup.example/include", "true")
          .addToAnnotations("reflector.example/reflects", "team-b")
          .addToFinalizers("backup.example/hold")
          .addToOwnerReferences(holder)
        .endMetadata()
        .addToData("EXTRA", "eWVz")
        .build());

    edit("marked", spec -> spec.setPrefix("frames/"));
    await().atMost(Duration.ofSeconds(10)).until(() -> "frames/".equals(decoded(client.secrets().inNamespace(ns)
        .withName("marked-connection").get()).get("WASABI_PREFIX")));

    Secret secret = client.secrets().inNamespace(ns).withName("marked-connection").get();
    assertThat(secret.getMetadata().getLabels()).containsEntry("backup.example/include", "true")
        .containsEntry("app.kubernetes.io/managed-by", "wasabi-operator");
    assertThat(secret.getMetadata().getAnnotations()).containsEntry("reflector.example/reflects", "team-b");
    assertThat(secret.getMetadata().getFinalizers()).containsExactly("backup.example/hold");
    assertThat(secret.getMetadata().getOwnerReferences()).hasSize(2).contains(holder);
    assertThat(decoded(secret)).containsEntry("EXTRA", "yes");
    client.secrets().inNamespace(ns).withName("marked-connection").edit(s -> {
      s.getMetadata().getFinalizers().clear();
      return s;
    });
  }

  @Test
  void wrongSecretForAKnownKeyIsInvalidCredentials() {
    s3.createBucket("badsig-bucket");
    client.resource(Resources.labelledSecret(ns, "keys", Map.of("accessKeyId", S3TestServer.READ_WRITE.accessKeyId(),
        "secretAccessKey", "wrong-secret-value"))).create();
    create("badsig", "badsig-bucket", AccessMode.ReadOnly, spec -> spec.setCredentialsSecretRef(credentialsRef("keys")));
    Condition invalid = operator.awaitCondition(ns, "badsig", "AccessVerified", "False", "InvalidCredentials");
    assertThat(invalid.getMessage()).contains("SignatureDoesNotMatch");
  }

  @Test
  void recoversWhenTheMissingBucketAppears() {
    create("late", "late-bucket", AccessMode.ReadWrite, spec -> { });
    Condition missing = operator.awaitCondition(ns, "late", "Ready", "False", "NoSuchBucket");
    assertThat(missing.getMessage()).contains("late-bucket");

    s3.createBucket("late-bucket");
    operator.awaitCondition(ns, "late", "Ready", "True", "Ready");
  }

  @Test
  void lastTransitionTimeStaysWhileReprobesKeepTheSameResult() {
    s3.createBucket("stable-bucket");
    create("stable", "stable-bucket", AccessMode.ReadWrite, spec -> { });
    Condition ready = operator.awaitCondition(ns, "stable", "Ready", "True", "Ready");
    Condition access = operator.condition(ns, "stable", "AccessVerified").orElseThrow();
    String firstProbe = operator.integration(ns, "stable").getStatus().getLastProbeTime();

    // The operator's default interval here is 2s: wait for two more probes.
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      String probe = operator.integration(ns, "stable").getStatus().getLastProbeTime();
      return probe.compareTo(firstProbe) > 0 && Duration.between(java.time.Instant.parse(firstProbe),
          java.time.Instant.parse(probe)).getSeconds() >= 3;
    });
    Condition after = operator.condition(ns, "stable", "Ready").orElseThrow();
    assertThat(after.getLastTransitionTime()).isEqualTo(ready.getLastTransitionTime());
    assertThat(operator.condition(ns, "stable", "AccessVerified").orElseThrow().getLastTransitionTime())
        .isEqualTo(access.getLastTransitionTime());
    // One Event for the transition to Ready, none for the re-probes that found the same.
    assertThat(client.resources(io.fabric8.kubernetes.api.model.events.v1.Event.class).inNamespace(ns).list()
        .getItems()).singleElement().satisfies(event -> {
          assertThat(event.getReason()).isEqualTo("Ready");
          assertThat(event.getType()).isEqualTo("Normal");
          assertThat(event.getRegarding().getName()).isEqualTo("stable");
        });
  }

  @Test
  void unreachableEndpointIsReportedAndRetried() throws Exception {
    // A socket bound to a port but not listening: connections to it are refused, and no other
    // server can take the port while the test runs.
    try (Socket reserved = new Socket()) {
      reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = reserved.getLocalPort();
      create("down", "any-bucket", AccessMode.ReadWrite, spec -> spec.setEndpoint("http://127.0.0.1:" + port));
      Condition down = operator.awaitCondition(ns, "down", "Ready", "False", "EndpointUnreachable");
      assertThat(down.getMessage()).contains("127.0.0.1:" + port).contains("connection refused");
      String firstProbe = operator.integration(ns, "down").getStatus().getLastProbeTime();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> !operator.integration(ns, "down").getStatus().getLastProbeTime().equals(firstProbe));
      assertThat(operator.condition(ns, "down", "Ready").orElseThrow().getLastTransitionTime())
          .isEqualTo(down.getLastTransitionTime());
    }
  }

  @Test
  void wrongRegionAnswerNamesTheBucketsRegion() throws Exception {
    try (RecordedS3Stub stub = new RecordedS3Stub(RecordedS3Stub.WRONG_REGION)) {
      create("region", "moved-bucket", AccessMode.ReadOnly, spec -> spec.setEndpoint(stub.endpoint().toString()));
      Condition wrong = operator.awaitCondition(ns, "region", "Ready", "False", "WrongRegion");
      assertThat(wrong.getMessage()).contains("us-east-1").contains("eu-central-2").contains("spec.region");
    }
  }

  @Test
  void serverErrorIsProbeFailedWithTheS3Code() throws Exception {
    try (RecordedS3Stub stub = new RecordedS3Stub(RecordedS3Stub.INTERNAL_ERROR)) {
      create("broken", "broken-bucket", AccessMode.ReadOnly, spec -> spec.setEndpoint(stub.endpoint().toString()));
      Condition failed = operator.awaitCondition(ns, "broken", "Ready", "False", "ProbeFailed");
      // The code only: the message of an answer from a tenant's endpoint could be any internal service's.
      assertThat(failed.getMessage()).contains("InternalError").contains("HTTP 500")
          .doesNotContain("We encountered an internal error");
    }
  }

  @Test
  void specProblemsAreReportedWithoutProbing() throws Exception {
    try (RecordedS3Stub stub = new RecordedS3Stub(RecordedS3Stub.INTERNAL_ERROR)) {
      reportsSpecProblems(stub.endpoint().toString());
      assertThat(stub.requestCount()).as("S3 calls for invalid specs").isZero();
    }
  }

  private void reportsSpecProblems(String endpoint) {
    defaultEndpoint = endpoint;
    createUnderEarlierCrd("dots", "my.bucket", AccessMode.ReadOnly, spec -> { });
    createUnderEarlierCrd("upper", "MyBucket", AccessMode.ReadOnly, spec -> { });
    createUnderEarlierCrd("region", "fine-bucket", AccessMode.ReadOnly, spec -> {
      spec.setRegion("US-EAST-1");
      spec.setStorageName("region");
    });
    createUnderEarlierCrd("endpoint", "fine-bucket", AccessMode.ReadOnly, spec -> {
      spec.setEndpoint("file:///etc/passwd");
      spec.setStorageName("endpoint");
    });
    createUnderEarlierCrd("prefix", "fine-bucket", AccessMode.ReadWrite, spec -> {
      spec.setPrefix("a/../b");
      spec.setStorageName("prefix");
    });
    createUnderEarlierCrd("ro-prefix", "fine-bucket", AccessMode.ReadOnly, spec -> {
      spec.setPrefix("data/");
      spec.setStorageName("ro-prefix");
    });
    createUnderEarlierCrd("outside", "fine-bucket", AccessMode.ReadWrite, spec -> {
      spec.setAccessPrefix("tenant/");
      spec.setPrefix("other/");
      spec.setStorageName("outside");
    });
    createUnderEarlierCrd("interval", "fine-bucket", AccessMode.ReadOnly, spec -> {
      spec.setProbe(new ProbeSpec());
      spec.getProbe().setInterval("5s");
      spec.setStorageName("interval");
    });

    expectInvalid("dots", "BucketNameContainsDots", "virtual-host HTTPS");
    expectInvalid("upper", "InvalidBucketName", "lowercase");
    expectInvalid("region", "UnknownRegion", "did you mean us-east-1");
    expectInvalid("endpoint", "InvalidEndpoint", "https://");
    expectInvalid("prefix", "InvalidPrefix", "'..'");
    expectInvalid("ro-prefix", "PrefixNotAllowedInReadOnlyMode", "ReadWrite");
    expectInvalid("outside", "PrefixOutsideAccessPrefix", "tenant/data/");
    expectInvalid("interval", "InvalidProbeInterval", "30s");
    defaultEndpoint = null;
  }

  @Test
  void credentialReferencesThatCannotWorkAreReported() {
    client.resource(Resources.labelledSecret(ns, "half", Map.of("accessKeyId", "AKIAHALF000000000000"))).create();
    create("missing", "creds-bucket", AccessMode.ReadOnly, spec -> {
      spec.setCredentialsSecretRef(credentialsRef("nowhere"));
      spec.setStorageName("missing");
    });
    create("incomplete", "creds-bucket", AccessMode.ReadOnly, spec -> {
      spec.setCredentialsSecretRef(credentialsRef("half"));
      spec.setStorageName("incomplete");
    });

    expectInvalid("missing", "CredentialsSecretNotFound", ns + "/nowhere");
    Condition incomplete = expectInvalid("incomplete", "CredentialsSecretIncomplete", "secretAccessKey");
    assertThat(incomplete.getMessage()).doesNotContain("AKIAHALF");

    s3.createBucket("creds-bucket");
    client.resource(credentials(ns, "nowhere", S3TestServer.READ_ONLY)).create();
    operator.awaitCondition(ns, "missing", "Ready", "True", "Ready");
  }

  @Test
  void storageNameStaysWithTheOlderIntegrationUntilItIsGone() {
    s3.createBucket("shared-bucket");
    create("first", "shared-bucket", AccessMode.ReadOnly, spec -> { });
    operator.awaitCondition(ns, "first", "Ready", "True", "Ready");
    create("second", "shared-bucket", AccessMode.ReadOnly, spec -> { });
    Condition conflict = expectInvalid("second", "StorageNameConflict", "first");
    assertThat(conflict.getMessage()).contains("spec.storageName");

    client.resources(WasabiStorageIntegration.class).inNamespace(ns).withName("first").delete();
    operator.awaitCondition(ns, "second", "Ready", "True", "Ready");
  }

  @Test
  void existingSecretOfTheConnectionNameIsLeftAlone() {
    s3.createBucket("taken-bucket");
    client.resource(Resources.secret(ns, "taken-connection", Map.of("mine", "yes"))).create();
    create("taken", "taken-bucket", AccessMode.ReadOnly, spec -> { });

    expectInvalid("taken", "ConnectionSecretConflict", "taken-connection");
    assertThat(decoded(client.secrets().inNamespace(ns).withName("taken-connection").get()))
        .containsExactly(Map.entry("mine", "yes"));

    client.secrets().inNamespace(ns).withName("taken-connection").delete();
    operator.awaitCondition(ns, "taken", "Ready", "True", "Ready");
    assertThat(decoded(client.secrets().inNamespace(ns).withName("taken-connection").get()))
        .containsEntry("WASABI_BUCKET", "taken-bucket");
  }

  private Condition expectInvalid(String name, String reason, String messagePart) {
    Condition validated = operator.awaitCondition(ns, name, "Validated", "False", reason);
    assertThat(validated.getMessage()).contains(messagePart);
    operator.awaitCondition(ns, name, "AccessVerified", "Unknown", "NotProbed");
    Condition ready = operator.awaitCondition(ns, name, "Ready", "False", reason);
    assertThat(ready.getMessage()).isEqualTo(validated.getMessage());
    return validated;
  }

  private void create(String name, String bucket, AccessMode mode, Consumer<io.wasabioperator.api.WasabiStorageIntegrationSpec> customise) {
    client.resource(integrationOf(name, bucket, mode, customise)).create();
  }

  /** As {@link #create}; a spec today's CRD refuses is stored as an earlier CRD stored it, for the operator to explain. */
  private void createUnderEarlierCrd(String name, String bucket, AccessMode mode,
      Consumer<io.wasabioperator.api.WasabiStorageIntegrationSpec> customise) {
    EarlierCrd.create(client, integrationOf(name, bucket, mode, customise));
  }

  private WasabiStorageIntegration integrationOf(String name, String bucket, AccessMode mode,
      Consumer<io.wasabioperator.api.WasabiStorageIntegrationSpec> customise) {
    WasabiStorageIntegration integration = integration(ns, name, bucket, mode);
    integration.getSpec().setEndpoint(defaultEndpoint != null ? defaultEndpoint : s3.endpoint().toString());
    customise.accept(integration.getSpec());
    return integration;
  }

  private void edit(String name, Consumer<io.wasabioperator.api.WasabiStorageIntegrationSpec> change) {
    client.resources(WasabiStorageIntegration.class).inNamespace(ns).withName(name)
        .edit(i -> {
          change.accept(i.getSpec());
          return i;
        });
  }


  private static ProbeSpec probe(String objectKey) {
    ProbeSpec probe = new ProbeSpec();
    probe.setObjectKey(objectKey);
    return probe;
  }

  private static Condition condition(WasabiStorageIntegrationStatus status, String type) {
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

}
