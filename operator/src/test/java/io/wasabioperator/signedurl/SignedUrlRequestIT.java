package io.wasabioperator.signedurl;

import static io.wasabioperator.testsupport.Resources.credentials;
import static io.wasabioperator.testsupport.Resources.credentialsRef;
import static io.wasabioperator.testsupport.Resources.decoded;
import static io.wasabioperator.testsupport.Resources.integrationRef;
import static io.wasabioperator.testsupport.Resources.labelledCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.RetryBackoff;
import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.config.SecretLocation;
import io.wasabioperator.secrets.SecretData;
import io.wasabioperator.testsupport.ConditionHistory;
import io.wasabioperator.testsupport.EarlierCrd;
import io.wasabioperator.testsupport.FaultyProxy;
import io.wasabioperator.testsupport.LeakCheck;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.MovableClock;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SignedUrlRequests through the Kubernetes API (mock server, CRUD mode), signed for a real S3 server,
 * and fetched over HTTP. Time moves through the operator's clock, not by sleeping.
 */
@RecordedApiServer
class SignedUrlRequestIT {
  static KubernetesClient client;
  private static S3TestServer s3;
  private static OperatorUnderTest operator;
  private static OperatorConfig config;
  private static LeakCheck leakCheck;
  private static final MovableClock clock = new MovableClock();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final AtomicInteger namespaces = new AtomicInteger();
  private static final String BUCKET = "slides";
  private static final byte[] IMAGE = "not really a jpeg".getBytes(StandardCharsets.UTF_8);

  private String ns;
  private ConditionHistory history;

  @BeforeAll
  static void start() throws Exception {
    leakCheck = new LeakCheck();
    s3 = new S3TestServer();
    s3.createBucket(BUCKET);
    s3.putObject(BUCKET, "images/a.jpg", IMAGE);
    client.resource(credentials("wasabi-operator", "platform", S3TestServer.READ_WRITE)).create();
    config = new OperatorConfig(Set.of(), Optional.of(new SecretLocation("wasabi-operator", "platform")),
        OperatorConfig.DEFAULT_PRINCIPAL_ARN, true, OperatorConfig.DEFAULT_PROBE_INTERVAL,
        // Rechecked every second, so that moving the clock is noticed without waiting for real time.
        OperatorConfig.DEFAULT_MAX_URL_DURATION, Duration.ofSeconds(1), new RetryBackoff(Duration.ofMillis(300), Duration.ofSeconds(1)),
        new S3Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), Optional.empty(),
        LocalTenancy.config(), Optional.empty());
    operator = new OperatorUnderTest(client, config, clock);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      leakCheck.assertNothingLeaked(client, java.util.List.of("X-Amz-Signature",
          S3TestServer.READ_WRITE.secretAccessKey(), "rotation-secret-v1-Sentinel", "rotation-secret-v2-Sentinel"));
    } finally {
      leakCheck.close();
      operator.close();
      s3.close();
    }
  }

  @BeforeEach
  void namespace() {
    ns = "urls-" + namespaces.incrementAndGet();
    history = new ConditionHistory(client, ns);
  }

  /** Finished tests' requests would otherwise keep renewing and retrying for the rest of the class. */
  @AfterEach
  void cleanUp() {
    history.close();
    client.resources(SignedUrlRequest.class).inNamespace(ns).delete();
    client.resources(WasabiStorageIntegration.class).inNamespace(ns).delete();
    clock.reset();
  }

  /**
   * A single object's URL is signed without a call to S3, so the Secret and then the status are the only
   * writes: no Issuing=True in between, and the Issuing condition says what was signed and why.
   */
  private void assertSignedWithoutProgressWrite(String name, String signed) {
    assertThat(operator.awaitRequestCondition(ns, name, "Issuing", "False", "Issued").getMessage()).contains(signed);
    assertThat(history.sawAny(name, "Issuing", "True")).as("no progress write for a single object").isFalse();
  }

  private void awaitSeen(String name, String type, String status, String reason) {
    await(name + " " + type + "=" + status + " " + reason).atMost(Duration.ofSeconds(10))
        .until(() -> history.saw(name, type, status, reason));
  }

  @Test
  void getUrlFromTheSecretReturnsTheObject() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    request("image", spec -> spec.setKey("images/a.jpg"));

    operator.awaitRequestCondition(ns, "image", "Ready", "True", "Issued");
    operator.awaitRequestCondition(ns, "image", "Issuing", "False", "Issued");
    assertSignedWithoutProgressWrite("image", "revision 1 signed: the request's first URLs");
    SignedUrlRequestStatus status = operator.request(ns, "image").getStatus();
    Map<String, String> secret = secretData("image");
    HttpResponse<byte[]> response = get(secret.get("url"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(IMAGE);

    Instant notBefore = Instant.parse(status.getNotBefore());
    Instant notAfter = Instant.parse(status.getNotAfter());
    assertThat(Duration.between(notBefore, notAfter)).isEqualTo(Duration.ofHours(4));
    assertThat(secret.get("expiresAt")).isEqualTo(status.getNotAfter());
    Instant renewal = Instant.parse(status.getRenewalTime());
    Duration renewBefore = Duration.ofMinutes(80);
    assertThat(renewal).isBetween(notAfter.minus(renewBefore).minus(renewBefore.dividedBy(20)),
        notAfter.minus(renewBefore));
    assertThat(status.getRevision()).isEqualTo(1L);
    assertThat(status.getObjectCount()).isEqualTo(1);
    assertThat(status.getSecretName()).isEqualTo("image");
    assertThat(status.getObservedGeneration()).isEqualTo(1L);
    assertThat(new ObjectMapper().writeValueAsString(operator.request(ns, "image")))
        .as("the URL lives only in the Secret").doesNotContain("X-Amz-Signature").doesNotContain("X-Amz-Credential");
  }

  @Test
  void putUrlUploadsAnObjectThatCanBeReadBack() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    request("upload", spec -> {
      spec.setKey("data/frames/0001.png");
      spec.setMethod(HttpMethod.PUT);
      spec.setContentType("image/png");
    });
    operator.awaitRequestCondition(ns, "upload", "Ready", "True", "Issued");

    byte[] frame = "frame 1".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(secretData("upload").get("url")))
        .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(frame)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(s3.store().getBlob(BUCKET, "data/frames/0001.png").getPayload().openStream().readAllBytes())
        .isEqualTo(frame);
  }

  @Test
  void expiredUrlIsRefusedByTheStorage() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    clock.moveBy(Duration.ofHours(-2));
    request("old", spec -> {
      spec.setKey("images/a.jpg");
      spec.setDuration("1h");
    });
    operator.awaitRequestCondition(ns, "old", "Ready", "True", "Issued");

    HttpResponse<byte[]> response = get(secretData("old").get("url"));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("expired");
  }

  @Test
  void renewsBeforeExpiryWithANewSignature() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    request("renewed", spec -> spec.setKey("images/a.jpg"));
    operator.awaitRequestCondition(ns, "renewed", "Ready", "True", "Issued");
    SignedUrlRequestStatus first = operator.request(ns, "renewed").getStatus();
    String firstUrl = secretData("renewed").get("url");

    clock.moveBy(Duration.between(clock.instant(), Instant.parse(first.getRenewalTime())).minusSeconds(30));
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> operator.request(ns, "renewed").getStatus().getRevision() == 1L);
    clock.moveBy(Duration.ofSeconds(31));

    SignedUrlRequestStatus renewed = await().atMost(Duration.ofSeconds(10)).until(
        () -> operator.request(ns, "renewed").getStatus(), s -> s.getRevision() == 2L && s.getNotAfter() != null);
    assertThat(Instant.parse(renewed.getNotAfter())).isAfter(Instant.parse(first.getNotAfter()));
    assertThat(Instant.parse(renewed.getNotBefore())).isBefore(Instant.parse(first.getNotAfter()));
    String renewedUrl = secretData("renewed").get("url");
    assertThat(signature(renewedUrl)).isNotEqualTo(signature(firstUrl));
    assertSignedWithoutProgressWrite("renewed", "revision 2 signed: the URLs were due for renewal");
    assertThat(history.saw("renewed", "Ready", "False", "Renewing")).as("Ready stays True while renewing").isFalse();
  }

  @Test
  void keysWithSpacesPlusSignsAndUnicodeAreSignedForWhatTheyName() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    String key = "images/case 7/scan+1 ~ü%.jpg";
    s3.putObject(BUCKET, key, IMAGE);
    request("odd", spec -> spec.setKey(key));
    operator.awaitRequestCondition(ns, "odd", "Ready", "True", "Issued");

    HttpResponse<byte[]> response = get(secretData("odd").get("url"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(IMAGE);
  }

  @Test
  void renewsAfterARestartFromStatusAndSecretAlone() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    request("durable", spec -> spec.setKey("images/a.jpg"));
    operator.awaitRequestCondition(ns, "durable", "Ready", "True", "Issued");
    SignedUrlRequestStatus before = operator.request(ns, "durable").getStatus();

    operator.close();
    clock.moveBy(Duration.between(clock.instant(), Instant.parse(before.getRenewalTime())).plusSeconds(1));
    operator = new OperatorUnderTest(client, config, clock);

    SignedUrlRequestStatus after = await().atMost(Duration.ofSeconds(20)).until(
        () -> operator.request(ns, "durable").getStatus(), s -> s.getRevision() == 2L);
    assertThat(Instant.parse(after.getNotAfter())).isAfter(Instant.parse(before.getNotAfter()));
    assertThat(secretData("durable").get("expiresAt")).isEqualTo(after.getNotAfter());
  }

  @Test
  void aRestartedOperatorDoesNotProbeAgainWhatWasJustVerified() {
    integration("store", AccessMode.ReadWrite, spec -> { });
    String probedAt = operator.integration(ns, "store").getStatus().getLastProbeTime();
    assertThat(operator.metrics().registry().find("wasabi_operator_probe_results").counters())
        .as("the probe counted before the restart").isNotEmpty();

    operator.close();
    operator = new OperatorUnderTest(client, config, clock);
    request("after-restart", spec -> spec.setKey("images/a.jpg"));
    operator.awaitRequestCondition(ns, "after-restart", "Ready", "True", "Issued");

    assertThat(operator.metrics().registry().find("wasabi_operator_probe_results").counters())
        .as("status says what was verified, with which key pair, and when").isEmpty();
    assertThat(operator.integration(ns, "store").getStatus().getLastProbeTime()).isEqualTo(probedAt);
  }

  @Test
  void renewRequestedAtRenewsOncePerValue() {
    integration("store", AccessMode.ReadWrite, spec -> { });
    request("manual", spec -> spec.setKey("images/a.jpg"));
    operator.awaitRequestCondition(ns, "manual", "Ready", "True", "Issued");

    annotate("manual", "2026-11-28T10:00:00Z");
    await().atMost(Duration.ofSeconds(10)).until(() -> operator.request(ns, "manual").getStatus().getRevision() == 2L);
    assertThat(operator.request(ns, "manual").getStatus().getLastRenewRequest()).isEqualTo("2026-11-28T10:00:00Z");
    assertSignedWithoutProgressWrite("manual", "revision 2 signed: renewal was requested through");
    // The same value again, and unrelated edits, change nothing.
    client.resources(SignedUrlRequest.class).inNamespace(ns).withName("manual")
        .edit(r -> {
          r.getMetadata().getLabels().put("touched", "yes");
          return r;
        });
    // The operator looks at the request every second here: two seconds of looks, and no new revision.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> operator.request(ns, "manual").getStatus().getRevision() == 2L);

    annotate("manual", "2026-11-28T11:00:00Z");
    await().atMost(Duration.ofSeconds(10)).until(() -> operator.request(ns, "manual").getStatus().getRevision() == 3L);
  }

  @Test
  void specChangeIssuesNewUrls() {
    integration("store", AccessMode.ReadWrite, spec -> { });
    s3.putObject(BUCKET, "images/b.jpg", IMAGE);
    request("changing", spec -> spec.setKey("images/a.jpg"));
    operator.awaitRequestCondition(ns, "changing", "Ready", "True", "Issued");

    client.resources(SignedUrlRequest.class).inNamespace(ns).withName("changing")
        .edit(r -> {
          r.getSpec().setKey("images/b.jpg");
          return r;
        });
    await().atMost(Duration.ofSeconds(10)).until(() -> operator.request(ns, "changing").getStatus().getRevision() == 2L);
    assertThat(secretData("changing").get("url")).contains("/images/b.jpg?");
    assertSignedWithoutProgressWrite("changing", "revision 2 signed: the spec changed");
    assertThat(operator.request(ns, "changing").getStatus().getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void renamedSecretTakesTheUrlsAndTheOldOneGoes() {
    integration("store", AccessMode.ReadWrite, spec -> { });
    request("moving", spec -> spec.setKey("images/a.jpg"));
    operator.awaitRequestCondition(ns, "moving", "Ready", "True", "Issued");

    client.resources(SignedUrlRequest.class).inNamespace(ns).withName("moving").edit(r -> {
      r.getSpec().setSecretName("moved");
      return r;
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> client.secrets().inNamespace(ns).withName("moving").get() == null);
    assertThat(secretData("moved")).containsKey("url");
    assertThat(operator.request(ns, "moving").getStatus().getSecretName()).isEqualTo("moved");
  }

  @Test
  void aFormerSecretNameKeepsNoUrlWhenTheNewNameIsTaken() {
    integration("store", AccessMode.ReadWrite, spec -> { });
    request("moving", spec -> spec.setKey("images/a.jpg"));
    operator.awaitRequestCondition(ns, "moving", "Ready", "True", "Issued");
    client.resource(Resources.secret(ns, "someone-elses", Map.of("mine", "yes"))).create();

    client.resources(SignedUrlRequest.class).inNamespace(ns).withName("moving").edit(r -> {
      r.getSpec().setSecretName("someone-elses");
      return r;
    });
    operator.awaitRequestCondition(ns, "moving", "Ready", "False", "SecretNameConflict");

    // The new name is refused, and the old one does not keep a live URL meanwhile.
    await().atMost(Duration.ofSeconds(10)).until(() -> client.secrets().inNamespace(ns).withName("moving").get() == null);
    assertThat(decoded(client.secrets().inNamespace(ns).withName("someone-elses").get()))
        .containsExactly(Map.entry("mine", "yes"));
  }

  @Test
  void anIntegrationHeldByAForeignFinalizerAfterDeletionSignsNothingAndItsUrlsAreWithdrawn() {
    integration("store", AccessMode.ReadWrite, spec -> { });
    request("held", spec -> spec.setKey("images/a.jpg"));
    operator.awaitRequestCondition(ns, "held", "Ready", "True", "Issued");
    client.resources(WasabiStorageIntegration.class).inNamespace(ns).withName("store").edit(i -> {
      i.getMetadata().getFinalizers().add("backup.example.com/hold");
      return i;
    });

    client.resources(WasabiStorageIntegration.class).inNamespace(ns).withName("store").delete();

    operator.awaitRequestCondition(ns, "held", "Ready", "False", "IntegrationDeleting");
    assertThat(secretData("held")).doesNotContainKeys("url", "expiresAt");
    client.resources(WasabiStorageIntegration.class).inNamespace(ns).withName("store").edit(i -> {
      i.getMetadata().getFinalizers().remove("backup.example.com/hold");
      return i;
    });
  }

  @Test
  void deletedOrEditedSecretIsIssuedAgain() {
    integration("store", AccessMode.ReadWrite, spec -> { });
    request("kept", spec -> spec.setKey("images/a.jpg"));
    operator.awaitRequestCondition(ns, "kept", "Ready", "True", "Issued");

    client.secrets().inNamespace(ns).withName("kept").delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> operator.request(ns, "kept").getStatus().getRevision() == 2L);
    assertThat(secretData("kept")).containsKey("url");

    client.secrets().inNamespace(ns).withName("kept").edit(secret -> {
      secret.getData().put("url", java.util.Base64.getEncoder().encodeToString("https://elsewhere".getBytes()));
      return secret;
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> operator.request(ns, "kept").getStatus().getRevision() == 3L);
    assertThat(secretData("kept").get("url")).contains("/slides/images/a.jpg?");
  }

  @Test
  void miraxSlideSignsEveryCompanionFile() throws Exception {
    integration("store", AccessMode.ReadOnly, spec -> spec.setMirax(true));
    s3.putObject(BUCKET, "mirax/case1.mrxs", "slide".getBytes(StandardCharsets.UTF_8));
    for (String file : new String[] {"Slidedat.ini", "Data0000.dat", "Data0001.dat"}) {
      s3.putObject(BUCKET, "mirax/case1/" + file, file.getBytes(StandardCharsets.UTF_8));
    }
    request("slide", spec -> spec.setKey("mirax/case1.mrxs"));
    operator.awaitRequestCondition(ns, "slide", "Ready", "True", "Issued");
    // Listing the slide's folder is a call to S3: the progress is shown first.
    awaitSeen("slide", "Issuing", "True", "SpecChanged");

    assertThat(operator.request(ns, "slide").getStatus().getObjectCount()).isEqualTo(4);
    Map<String, String> data = secretData("slide");
    @SuppressWarnings("unchecked")
    Map<String, String> urls = new ObjectMapper().readValue(data.get("urls.json"), Map.class);
    assertThat(urls.keySet()).containsExactly("mirax/case1.mrxs", "mirax/case1/Data0000.dat",
        "mirax/case1/Data0001.dat", "mirax/case1/Slidedat.ini");
    assertThat(urls.get("mirax/case1.mrxs")).isEqualTo(data.get("url"));
    for (Map.Entry<String, String> entry : urls.entrySet()) {
      HttpResponse<byte[]> response = get(entry.getValue());
      assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(200);
      String file = entry.getKey().substring(entry.getKey().lastIndexOf('/') + 1);
      assertThat(new String(response.body(), StandardCharsets.UTF_8))
          .isEqualTo(file.endsWith(".mrxs") ? "slide" : file);
    }
  }

  @Test
  void rotatedCredentialsGiveNewUrlsAndTheOldOnesStopWorking() throws Exception {
    S3TestServer.Identity v1 = new S3TestServer.Identity("AKIAROTATION00000001", "rotation-secret-v1-Sentinel");
    S3TestServer.Identity v2 = new S3TestServer.Identity("AKIAROTATION00000002", "rotation-secret-v2-Sentinel");
    s3.grantReadWrite(v1);
    client.resource(labelledCredentials(ns, "keys", v1)).create();
    integration("own", AccessMode.ReadWrite, spec -> spec.setCredentialsSecretRef(credentialsRef("keys")));
    request("rotating", spec -> {
      spec.setKey("images/a.jpg");
      spec.setIntegrationRef(integrationRef("own"));
    });
    operator.awaitRequestCondition(ns, "rotating", "Ready", "True", "Issued");
    String oldUrl = secretData("rotating").get("url");
    assertThat(get(oldUrl).statusCode()).isEqualTo(200);

    s3.grantReadWrite(v2);
    // Labelled, so watched: the new pair is probed and signed with long before the next probe is due.
    client.resource(labelledCredentials(ns, "keys", v2)).update();
    s3.revoke(v1);

    await().atMost(Duration.ofSeconds(15)).until(() -> operator.request(ns, "rotating").getStatus().getRevision() == 2L);
    String newUrl = secretData("rotating").get("url");
    assertThat(newUrl).contains("AKIAROTATION00000002");
    assertSignedWithoutProgressWrite("rotating", "revision 2 signed: the integration's endpoint, bucket, mode or key pair");
    assertThat(get(newUrl).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> old = get(oldUrl);
    assertThat(old.statusCode()).isEqualTo(403);
    assertThat(new String(old.body(), StandardCharsets.UTF_8)).containsAnyOf("InvalidAccessKeyId",
        "SignatureDoesNotMatch");
  }

  @Test
  void urlIsWithdrawnWhenItExpiresUnrenewed() {
    integration("store", AccessMode.ReadWrite, spec -> { });
    request("doomed", spec -> {
      spec.setKey("images/a.jpg");
      spec.setDuration("10m");
    });
    operator.awaitRequestCondition(ns, "doomed", "Ready", "True", "Issued");

    // Not Ready for a reason that may pass (the bucket may yet appear): the URL is kept until it expires.
    client.resources(WasabiStorageIntegration.class).inNamespace(ns).withName("store").edit(integration -> {
      integration.getSpec().setBucket("not-there-yet");
      return integration;
    });
    Condition issuing = operator.awaitRequestCondition(ns, "doomed", "Issuing", "False", "IntegrationNotReady");
    assertThat(issuing.getMessage()).contains("store", "NoSuchBucket");
    assertThat(operator.requestCondition(ns, "doomed", "Ready").orElseThrow().getStatus())
        .as("a still-valid URL stays usable").isEqualTo("True");
    assertThat(secretData("doomed")).containsKey("url");

    clock.moveBy(Duration.ofMinutes(11));
    Condition expired = operator.awaitRequestCondition(ns, "doomed", "Ready", "False", "Expired");
    assertThat(expired.getMessage()).contains("store");
    assertThat(secretData("doomed")).doesNotContainKeys("url", "expiresAt");
    assertThat(operator.request(ns, "doomed").getStatus().getNotAfter()).isNull();
  }

  @Test
  void whatOthersPutOnTheUrlSecretStaysAcrossIssueRenewalAndWithdrawal() {
    integration("store", AccessMode.ReadWrite, spec -> { });
    request("shared", spec -> {
      spec.setKey("images/a.jpg");
      spec.setDuration("10m");
    });
    operator.awaitRequestCondition(ns, "shared", "Ready", "True", "Issued");
    // A backup tool, a reflector and another controller put their marks on the Secret.
    OwnerReference holder = new OwnerReference("v1", false, false, "ConfigMap", "holder", "uid-of-holder");
    client.secrets().inNamespace(ns).withName("shared").edit(secret -> new SecretBuilder(secret).editMetadata()
        .addToLabels("backup.example/include", "true")
        .addToAnnotations("reflector.example/reflects", "team-b")
        .addToFinalizers("backup.example/hold")
        .addToOwnerReferences(holder)
        .endMetadata().build());

    annotate("shared", "issue-again");
    await().atMost(Duration.ofSeconds(10)).until(() -> revision("shared") == 2L);
    assertOthersKept("shared", holder);

    Instant renewal = Instant.parse(operator.request(ns, "shared").getStatus().getRenewalTime());
    clock.moveBy(Duration.between(clock.instant(), renewal).plusSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> revision("shared") == 3L);
    assertOthersKept("shared", holder);

    client.resources(WasabiStorageIntegration.class).inNamespace(ns).withName("store").delete();
    clock.moveBy(Duration.ofMinutes(11));
    operator.awaitRequestCondition(ns, "shared", "Ready", "False", "Expired");
    assertThat(secretData("shared")).doesNotContainKeys("url", "expiresAt");
    assertOthersKept("shared", holder);
    // The finalizer is someone else's to take off; the test's namespace is cleaned up without it.
    client.secrets().inNamespace(ns).withName("shared").edit(secret -> {
      secret.getMetadata().getFinalizers().clear();
      return secret;
    });
  }

  private void assertOthersKept(String name, OwnerReference holder) {
    Secret secret = client.secrets().inNamespace(ns).withName(name).get();
    assertThat(secret.getMetadata().getLabels()).containsEntry("backup.example/include", "true")
        .containsEntry("app.kubernetes.io/managed-by", "wasabi-operator");
    assertThat(secret.getMetadata().getAnnotations()).containsEntry("reflector.example/reflects", "team-b")
        .as("no bookkeeping of the framework on a Secret workloads read")
        .doesNotContainKey("javaoperatorsdk.io/previous");
    assertThat(secret.getMetadata().getFinalizers()).containsExactly("backup.example/hold");
    assertThat(secret.getMetadata().getOwnerReferences()).hasSize(2).contains(holder)
        .anySatisfy(ref -> assertThat(ref.getKind()).isEqualTo("SignedUrlRequest"));
  }

  @Test
  void everyRefusalHasItsOwnReason() {
    integration("rw", AccessMode.ReadWrite, spec -> spec.setAccessPrefix("images/"));
    integration("ro", AccessMode.ReadOnly, spec -> spec.setStorageName("ro"));
    integration("missing-bucket", AccessMode.ReadOnly, spec -> {
      spec.setBucket("no-such-bucket");
      spec.setStorageName("missing");
    });
    integration("mirax", AccessMode.ReadOnly, spec -> {
      spec.setMirax(true);
      spec.setStorageName("mirax");
    });
    client.resource(Resources.secret(ns, "taken", Map.of("mine", "yes"))).create();

    expectRefused("nothing", spec -> spec.setIntegrationRef(integrationRef("nothing")), "IntegrationNotFound");
    expectRefused("unready", spec -> spec.setIntegrationRef(integrationRef("missing-bucket")), "IntegrationNotReady");
    expectRefused("readonly-put", spec -> {
      spec.setIntegrationRef(integrationRef("ro"));
      spec.setMethod(HttpMethod.PUT);
    }, "IntegrationReadOnly");
    expectRefused("absolute", spec -> spec.setKey("/images/a.jpg"), "InvalidKey");
    expectRefused("outside", spec -> spec.setKey("other/a.jpg"), "KeyOutsideAccessPrefix");
    expectRefused("zero", spec -> spec.setDuration("0s"), "InvalidDuration");
    expectRefused("long", spec -> spec.setDuration("5h"), "DurationTooLong");
    expectRefused("renew", spec -> {
      spec.setDuration("1h");
      spec.setRenewBefore("1h");
    }, "InvalidRenewBefore");
    expectRefused("conflict", spec -> spec.setSecretName("taken"), "SecretNameConflict");
    expectRefused("not-mirax", spec -> spec.setKey("images/case.MRXS"), "MiraxNotEnabled");
    s3.putObject(BUCKET, "lonely.mrxs", new byte[] {1});
    expectRefused("empty-folder", spec -> {
      spec.setIntegrationRef(integrationRef("mirax"));
      spec.setKey("lonely.mrxs");
    }, "MiraxFolderEmpty");
    assertThat(decoded(client.secrets().inNamespace(ns).withName("taken").get())).containsExactly(Map.entry("mine", "yes"));
  }

  @Test
  void requestsArrivingWithTheirIntegrationWaitQuietlyUntilItIsVerified() throws Exception {
    // One sync brings both, as Argo CD or Flux would: the request must not flap to IntegrationNotReady.
    // A slow storage keeps the integration's probe running while the request is first looked at.
    try (FaultyProxy slow = new FaultyProxy(s3.endpoint(), Duration.ofMillis(700))) {
      slow.inject(FaultyProxy.Fault.SLOW);
      WasabiStorageIntegration integration = Resources.integration(ns, "arriving", BUCKET, AccessMode.ReadWrite);
      integration.getSpec().setEndpoint(slow.endpoint().toString());
      integration.getSpec().setStorageName("arriving");
      client.resource(integration).create();
      request("together", spec -> {
        spec.setIntegrationRef(integrationRef("arriving"));
        spec.setKey("images/a.jpg");
      });
      operator.awaitRequestCondition(ns, "together", "Ready", "True", "Issued");
    }

    assertThat(history.saw("together", "Ready", "False", "IntegrationNotReady")).isFalse();
    assertThat(client.resources(io.fabric8.kubernetes.api.model.events.v1.Event.class).inNamespace(ns).list()
        .getItems().stream().filter(e -> "together".equals(e.getRegarding().getName()))
        .map(io.fabric8.kubernetes.api.model.events.v1.Event::getType)).containsExactly("Normal");
  }

  @Test
  void aUrlSecretWhoseLabelsWereTakenOffIsWrittenWholeAgainOnce() {
    integration("rw", AccessMode.ReadWrite, spec -> { });
    request("unlabelled", spec -> {
      spec.setIntegrationRef(integrationRef("rw"));
      spec.setKey("images/a.jpg");
    });
    operator.awaitRequestCondition(ns, "unlabelled", "Ready", "True", "Issued");

    // Only labelled Secrets are cached, so the operator now meets its own Secret on write.
    client.secrets().inNamespace(ns).withName("unlabelled").edit(secret -> {
      secret.getMetadata().getLabels().clear();
      return secret;
    });
    await().atMost(Duration.ofSeconds(20)).until(() -> "wasabi-operator".equals(client.secrets().inNamespace(ns)
        .withName("unlabelled").get().getMetadata().getLabels().get("app.kubernetes.io/managed-by")));
    await().atMost(Duration.ofSeconds(10)).until(() -> revision("unlabelled") > 1L);
    long revision = revision("unlabelled");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> revision("unlabelled") == revision);
  }

  @Test
  void aNameHeldByAForeignSecretIsTakenOnceThatSecretIsDeleted() {
    integration("rw", AccessMode.ReadWrite, spec -> { });
    // Created before the request, so the operator learns of it only when it tries to write.
    client.resource(Resources.secret(ns, "squatted", Map.of("mine", "yes"))).create();
    request("waiting", spec -> {
      spec.setIntegrationRef(integrationRef("rw"));
      spec.setKey("images/a.jpg");
      spec.setSecretName("squatted");
    });
    operator.awaitRequestCondition(ns, "waiting", "Ready", "False", "SecretNameConflict");
    assertThat(decoded(client.secrets().inNamespace(ns).withName("squatted").get()))
        .containsExactly(Map.entry("mine", "yes"));

    client.secrets().inNamespace(ns).withName("squatted").delete();
    operator.awaitRequestCondition(ns, "waiting", "Ready", "True", "Issued");
    assertThat(decoded(client.secrets().inNamespace(ns).withName("squatted").get())).doesNotContainKey("mine")
        .isNotEmpty();
  }

  @Test
  void slideWhoseUrlsDoNotFitInASecretIsRefusedWithItsObjectCount() {
    integration("mirax", AccessMode.ReadOnly, spec -> spec.setMirax(true));
    s3.putObject(BUCKET, "huge.mrxs", new byte[] {1});
    String longName = "d".repeat(900);
    for (int i = 0; i < 450; i++) {
      s3.putObject(BUCKET, "huge/" + i + "-" + longName, new byte[] {1});
    }
    request("huge", spec -> {
      spec.setIntegrationRef(integrationRef("mirax"));
      spec.setKey("huge.mrxs");
    });
    Condition refused = operator.awaitRequestCondition(ns, "huge", "Ready", "False", "TooManyObjects");
    assertThat(refused.getMessage()).contains("451 objects").contains("1 MiB");
    assertThat(client.secrets().inNamespace(ns).withName("huge").get()).isNull();
  }

  private void expectRefused(String name, Consumer<SignedUrlRequestSpec> change, String reason) {
    // A spec today's CRD refuses is stored as an earlier CRD stored it: the operator must still say why.
    EarlierCrd.create(client, requestOf(name, spec -> {
      spec.setIntegrationRef(integrationRef("rw"));
      spec.setKey("images/a.jpg");
      change.accept(spec);
    }));
    Condition ready = operator.awaitRequestCondition(ns, name, "Ready", "False", reason);
    assertThat(ready.getMessage()).isNotBlank().doesNotContain("Exception");
    operator.awaitRequestCondition(ns, name, "Issuing", "False", reason);
  }

  private void integration(String name, AccessMode mode, Consumer<io.wasabioperator.api.WasabiStorageIntegrationSpec> change) {
    WasabiStorageIntegration integration = Resources.integration(ns, name, BUCKET, mode);
    integration.getSpec().setEndpoint(s3.endpoint().toString());
    integration.getSpec().setStorageName(name);
    change.accept(integration.getSpec());
    client.resource(integration).create();
    if (!"missing-bucket".equals(name)) {
      operator.awaitCondition(ns, name, "Ready", "True", "Ready");
    }
  }

  private void request(String name, Consumer<SignedUrlRequestSpec> change) {
    client.resource(requestOf(name, change)).create();
  }

  private SignedUrlRequest requestOf(String name, Consumer<SignedUrlRequestSpec> change) {
    SignedUrlRequest request = new SignedUrlRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).addToLabels("app", "viewer").build());
    SignedUrlRequestSpec spec = new SignedUrlRequestSpec();
    spec.setIntegrationRef(integrationRef("store"));
    change.accept(spec);
    request.setSpec(spec);
    return request;
  }

  private void annotate(String name, String value) {
    client.resources(SignedUrlRequest.class).inNamespace(ns).withName(name)
        .edit(r -> {
          r.getMetadata().getAnnotations().put(SignedUrlRequest.RENEW_REQUESTED_AT, value);
          return r;
        });
  }

  private Map<String, String> secretData(String name) {
    Secret secret = client.secrets().inNamespace(ns).withName(name).get();
    assertThat(secret).as("Secret " + name).isNotNull();
    return decoded(secret);
  }


  private static HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String signature(String url) {
    return url.substring(url.indexOf("X-Amz-Signature="));
  }



  private long revision(String name) {
    return client.resources(SignedUrlRequest.class).inNamespace(ns).withName(name).get().getStatus().getRevision();
  }
}
