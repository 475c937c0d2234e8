package io.wasabioperator.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.PlatformGrantSpec;
import io.wasabioperator.api.WasabiPlatformGrant;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.apiserver.auth.Reviews;
import io.wasabioperator.apiserver.auth.SigningRbac;
import io.wasabioperator.apiserver.auth.TokenIssuer;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.RetryBackoff;
import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.config.SecretLocation;
import io.wasabioperator.config.SigningConfig;
import io.wasabioperator.config.TenancyConfig;
import io.wasabioperator.signing.tls.CaPublisher;
import io.wasabioperator.testsupport.FaultyProxy;
import io.wasabioperator.testsupport.LeakCheck;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import io.wasabioperator.testsupport.SigningClient;
import io.wasabioperator.testsupport.SigningClient.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The signing API end to end: the operator serving it over HTTPS, TokenReviews and SubjectAccessReviews
 * answered from the Roles and bindings stored in the API server, S3Proxy behind, and the URLs fetched.
 */
@RecordedApiServer(chartValues = "{}")
@Timeout(120)
class SigningApiIT {
  static KubernetesClient client;
  static TokenIssuer issuer;
  static Reviews reviews;
  private static final String HOME = "wasabi-operator";
  private static final String BUCKET = "slides";
  private static final String AUDIENCE = "wasabi-operator";
  private static final String CA = SigningConfig.DEFAULT_NAME + "-ca";
  private static final int OBJECTS = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger namespaces = new AtomicInteger();
  private static final List<String> tokens = new ArrayList<>();
  private static S3TestServer s3;
  private static OperatorUnderTest operator;
  private static LeakCheck leakCheck;
  private static SigningClient https;
  private static HttpClient plain;

  private String ns;

  @BeforeAll
  static void start() throws Exception {
    leakCheck = new LeakCheck();
    // The per-call line is at debug: the leak scan must see it.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.wasabioperator.signing")).setLevel(Level.DEBUG);
    s3 = new S3TestServer();
    s3.createBucket(BUCKET);
    for (int i = 0; i < OBJECTS; i++) {
      s3.putObject(BUCKET, "images/" + i + ".jpg", ("image " + i).getBytes(StandardCharsets.UTF_8));
    }
    client.resource(new NamespaceBuilder().withNewMetadata().withName(HOME).endMetadata().build()).create();
    client.resource(Resources.credentials(HOME, "platform", S3TestServer.READ_WRITE)).create();
    OperatorConfig config = new OperatorConfig(Set.of(), Optional.of(new SecretLocation(HOME, "platform")),
        OperatorConfig.DEFAULT_PRINCIPAL_ARN, true, OperatorConfig.DEFAULT_PROBE_INTERVAL,
        OperatorConfig.DEFAULT_MAX_URL_DURATION, Duration.ofSeconds(1),
        new RetryBackoff(Duration.ofMillis(300), Duration.ofSeconds(1)),
        new S3Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), Optional.empty(),
        // No grant of its own: each test namespace gets a WasabiPlatformGrant, which a test can take away.
        TenancyConfig.fromEnvironment(Map.of(TenancyConfig.ENDPOINT_ALLOWLIST, "127.0.0.1",
            TenancyConfig.PRIVATE_ENDPOINT_CIDRS, "127.0.0.0/8")), Optional.empty());
    operator = new OperatorUnderTest(client, config, signing(Map.of()), Clock.systemUTC());
    await("signing API ready").atMost(Duration.ofSeconds(20)).until(operator::ready);
    https = SigningClient.trusting(client, HOME, CA);
    plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static SigningConfig signing(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(Map.of(SigningConfig.PORT, "0", SigningConfig.NAMESPACE, HOME,
        SigningConfig.EXTRA_NAMES, "localhost,127.0.0.1", SigningConfig.DRAIN, "0s",
        // A caller may make 30 calls at once and 10 a second after: the rate-limit test spends them.
        SigningConfig.CALLER_BURST, "30", SigningConfig.CALLER_RATE, "10"));
    env.putAll(more);
    return SigningConfig.fromEnvironment(env);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      List<String> secrets = new ArrayList<>(List.of("X-Amz-Signature", S3TestServer.READ_WRITE.secretAccessKey()));
      synchronized (tokens) {
        secrets.addAll(tokens);
      }
      leakCheck.assertNothingLeaked(client, secrets);
      String scrape = operator.metrics().scrape();
      // For the chart's alerts and dashboard: the install tests check that what they query is exported.
      java.nio.file.Files.createDirectories(io.wasabioperator.OperationsEndpointsIT.SCRAPE.getParent());
      java.nio.file.Files.writeString(io.wasabioperator.OperationsEndpointsIT.SCRAPE.resolveSibling("signing-api.txt"),
          scrape);
      assertThat(scrape).contains("wasabi_operator_signing_calls_total", "wasabi_operator_signing_urls_total",
          "wasabi_operator_signing_review_cache_total", "wasabi_operator_signing_call_seconds_bucket");
      secrets.forEach(secret -> assertThat(scrape).doesNotContain(secret));
    } finally {
      leakCheck.close();
      operator.close();
      s3.close();
    }
  }

  @BeforeEach
  void namespace() {
    ns = "sign-" + namespaces.incrementAndGet();
    client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    client.resource(grant(ns)).create();
  }

  @Test
  void aWorkloadWithARoleGetsWorkingUrlsForAThousandKeysWithOneReviewOfEachKind() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    rbac(ns, "viewer", "sign-get");
    String token = token(ns, "viewer");
    List<String> keys = IntStream.range(0, OBJECTS).mapToObj(i -> "images/" + i + ".jpg").toList();
    int tokenReviews = reviews.tokenReviews();
    int accessReviews = reviews.accessReviews();

    Reply reply = call(token, ns, "store", JSON.writeValueAsString(Map.of("keys", keys, "duration", "10m")));

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.body().path("storageName").asText()).isEqualTo("store");
    JsonNode urls = reply.body().path("urls");
    assertThat(urls).hasSize(OBJECTS);
    Instant expiresAt = Instant.parse(urls.get(0).path("expiresAt").asText());
    assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> fetched = new ArrayList<>();
      for (int i = 0; i < OBJECTS; i++) {
        JsonNode entry = urls.get(i);
        assertThat(entry.path("key").asText()).isEqualTo(keys.get(i));
        assertThat(entry.path("expiresAt").asText()).isEqualTo(expiresAt.toString());
        String expected = "image " + i;
        fetched.add(pool.submit(() -> fetch(entry.path("url").asText()).equals(expected)));
      }
      for (Future<Boolean> each : fetched) {
        assertThat(each.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(reviews.tokenReviews() - tokenReviews).isEqualTo(1);
    assertThat(reviews.accessReviews() - accessReviews).isEqualTo(1);

    // A second call within the cache periods asks the API server nothing.
    assertThat(call(token, ns, "store", "{\"keys\": [\"images/1.jpg\"]}").status()).isEqualTo(200);
    assertThat(reviews.tokenReviews() - tokenReviews).isEqualTo(1);
    assertThat(reviews.accessReviews() - accessReviews).isEqualTo(1);
  }

  @Test
  void aWorkloadWithoutTheRoleGetsForbiddenAndLearnsNothingOfWhichIntegrationsExist() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    String token = token(ns, "stranger");

    Reply existing = call(token, ns, "store", "{\"keys\": [\"images/1.jpg\"]}");
    Reply missing = call(token, ns, "nothing-here", "{\"keys\": [\"images/1.jpg\"]}");

    assertThat(existing.status()).isEqualTo(403);
    assertThat(existing.body().path("reason").asText()).isEqualTo("Forbidden");
    assertThat(existing.body().path("message").asText()).contains("system:serviceaccount:" + ns + ":stranger",
        "sign-get");
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.text().replace("nothing-here", "store")).isEqualTo(existing.text());
  }

  @Test
  void aRoleThatReadsEverythingSignsNothing() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    client.resource(new RoleBuilder().withNewMetadata().withNamespace(ns).withName("reader").endMetadata()
        .addNewRule().withApiGroups("*").withResources("*").withVerbs("get", "list", "watch").endRule().build())
        .create();
    client.resource(new RoleBindingBuilder().withNewMetadata().withNamespace(ns).withName("reader").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "reader")
        .addNewSubject().withKind("ServiceAccount").withNamespace(ns).withName("reader").endSubject().build())
        .create();

    assertThat(call(token(ns, "reader"), ns, "store", "{\"keys\": [\"images/1.jpg\"]}").status()).isEqualTo(403);
  }

  @Test
  void aTokenOfAnotherNamespaceSignsOnlyWithARoleBindingInTheIntegrationsNamespace() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    String other = "other-" + ns;
    String token = token(other, "backend");

    assertThat(call(token, ns, "store", "{\"keys\": [\"images/1.jpg\"]}").status()).isEqualTo(403);

    rbacFrom(ns, "backend-from-" + other, other, "backend", "sign-get");
    // The denial is kept for 10 seconds: a new binding bites once it has expired.
    await("the binding bites").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1))
        .until(() -> call(token, ns, "store", "{\"keys\": [\"images/1.jpg\"]}").status() == 200);
    Reply reply = call(token, ns, "store", "{\"keys\": [\"images/2.jpg\"]}");
    assertThat(fetch(reply.body().path("urls").get(0).path("url").asText())).isEqualTo("image 2");
  }

  @Test
  void signGetWithoutSignPutSignsGetsAndRefusesPuts() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    rbac(ns, "reader", "sign-get");
    rbac(ns, "writer", "sign-get", "sign-put");

    assertThat(call(token(ns, "reader"), ns, "store", "{\"keys\": [\"data/new.jpg\"], \"method\": \"PUT\"}")
        .status()).isEqualTo(403);
    Reply put = call(token(ns, "writer"), ns, "store",
        "{\"keys\": [\"data/new.jpg\"], \"method\": \"PUT\", \"contentType\": \"image/jpeg\"}");
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    HttpResponse<String> upload = plain.send(HttpRequest.newBuilder(URI.create(
        put.body().path("urls").get(0).path("url").asText())).header("Content-Type", "image/jpeg")
        .PUT(HttpRequest.BodyPublishers.ofString("uploaded")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).isEqualTo(200);
    Reply get = call(token(ns, "reader"), ns, "store", "{\"keys\": [\"data/new.jpg\"]}");
    assertThat(fetch(get.body().path("urls").get(0).path("url").asText())).isEqualTo("uploaded");
  }

  @Test
  void eachKeyIsJudgedAloneAndOneOutsideTheAccessPrefixFailsOnlyItself() throws Exception {
    integration("store", AccessMode.ReadOnly, spec -> spec.setAccessPrefix("images/"));
    rbac(ns, "viewer", "sign-get");

    Reply reply = call(token(ns, "viewer"), ns, "store", "{\"keys\": [\"images/3.jpg\", \"secret/x.jpg\", "
        + "\"images/../secret/x.jpg\"]}");

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    JsonNode urls = reply.body().path("urls");
    assertThat(fetch(urls.get(0).path("url").asText())).isEqualTo("image 3");
    assertThat(urls.get(1).path("reason").asText()).isEqualTo("KeyOutsideAccessPrefix");
    assertThat(urls.get(1).has("url")).isFalse();
    assertThat(urls.get(2).path("reason").asText()).isEqualTo("InvalidKey");
  }

  @Test
  void wholeCallRefusalsCarryTheStatusAndReasonOfTheTable() throws Exception {
    integration("store", AccessMode.ReadOnly, spec -> { });
    rbac(ns, "viewer", "sign-get", "sign-put");
    String token = token(ns, "viewer");
    String one = "{\"keys\": [\"images/1.jpg\"]}";

    assertRefused(call(null, ns, "store", one), 401, "Unauthorized");
    assertRefused(call(issuer.issue(ns, "viewer", List.of("https://kubernetes.default.svc"), Duration.ofHours(1)),
        ns, "store", one), 401, "Unauthorized");
    assertRefused(call(token, ns, "store", "{\"keys\": "), 400, "MalformedBody");
    assertRefused(call(token, ns, "store", "{\"keys\": [\"a\"], \"duration\": \"soon\"}"), 400, "MalformedBody");
    assertRefused(call(token, ns, "store", JSON.writeValueAsString(Map.of("keys",
        IntStream.range(0, 1001).mapToObj(i -> "k" + i).toList()))), 413, "TooManyKeys");
    assertRefused(call(token, ns, "store", "{\"keys\": [\"a\"], \"duration\": \"2h\"}"), 422, "DurationTooLong");
    assertRefused(call(token, ns, "absent", one), 404, "IntegrationNotFound");
    assertRefused(call(token, ns, "store", "{\"keys\": [\"data/x.jpg\"], \"method\": \"PUT\"}"), 403,
        "IntegrationReadOnly");
    assertRefused(https.send(HttpRequest.newBuilder(uri(ns, "store")).header("Authorization", "Bearer " + token)
        .GET().build()), 405, "MethodNotAllowed");
    assertRefused(https.call(URI.create("https://127.0.0.1:" + operator.signingPort() + "/v1alpha1/other"), token,
        one), 404, "NotFound");

    Reply unauthenticated = call(null, ns, "store", one);
    assertThat(unauthenticated.headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  @Test
  void anIntegrationItsOwnerMustFixIsAConflictAndOneBeingVerifiedIsUnavailableForAMoment() throws Exception {
    rbac(ns, "viewer", "sign-get");
    String token = token(ns, "viewer");
    WasabiStorageIntegration broken = Resources.integration(ns, "broken", "no-such-bucket", AccessMode.ReadOnly);
    broken.getSpec().setEndpoint(s3.endpoint().toString());
    client.resource(broken).create();
    operator.awaitCondition(ns, "broken", "Ready", "False", "NoSuchBucket");
    assertRefused(call(token, ns, "broken", "{\"keys\": [\"images/1.jpg\"]}"), 409, "IntegrationNotReady");

    try (FaultyProxy proxy = new FaultyProxy(s3.endpoint(), Duration.ofMillis(100))) {
      proxy.inject(FaultyProxy.Fault.HANG);
      WasabiStorageIntegration slow = Resources.integration(ns, "slow", BUCKET, AccessMode.ReadOnly);
      slow.getSpec().setEndpoint(proxy.endpoint().toString());
      client.resource(slow).create();
      await("the integration is seen").atMost(Duration.ofSeconds(5))
          .until(() -> call(token, ns, "slow", "{\"keys\": [\"images/1.jpg\"]}").status() != 404);
      Reply verifying = call(token, ns, "slow", "{\"keys\": [\"images/1.jpg\"]}");
      assertRefused(verifying, 503, "IntegrationNotReady");
      assertThat(verifying.headers().firstValue("Retry-After")).hasValueSatisfying(value ->
          assertThat(Integer.parseInt(value)).isBetween(1, 5));
      proxy.inject(FaultyProxy.Fault.NONE);
      operator.awaitCondition(ns, "slow", "Ready", "True", "Ready");
      assertThat(call(token, ns, "slow", "{\"keys\": [\"images/1.jpg\"]}").status()).isEqualTo(200);
    }
  }

  /**
   * A probe that found the storage unreachable keeps the key pair's fingerprint and turns AccessVerified False:
   * requests sign on through such an outage, and so does the API (the status is written here as that probe
   * writes it; a status write does not wake the integration's reconciler).
   */
  @Test
  void aStorageOutageReportedByTheLastProbeDoesNotStopSigning() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    rbac(ns, "viewer", "sign-get");
    String token = token(ns, "viewer");
    assertThat(call(token, ns, "store", "{\"keys\": [\"images/1.jpg\"]}").status()).isEqualTo(200);

    WasabiStorageIntegration outage = client.resources(WasabiStorageIntegration.class).inNamespace(ns)
        .withName("store").get();
    outage.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready") || c.getType().equals("AccessVerified"))
        .forEach(c -> {
          c.setStatus("False");
          c.setReason("EndpointUnreachable");
          c.setMessage("the endpoint did not answer");
        });
    client.resource(outage).updateStatus();
    // Seen by the informer the API judges calls by, not only stored.
    await("the outage seen").atMost(Duration.ofSeconds(5)).until(() -> operator.integrationSeen(ns, "store")
        .flatMap(i -> i.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst())
        .map(c -> "EndpointUnreachable".equals(c.getReason())).orElse(false));

    Reply reply = call(token, ns, "store", "{\"keys\": [\"images/2.jpg\"]}");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(fetch(reply.body().path("urls").get(0).path("url").asText())).isEqualTo("image 2");
  }

  @Test
  void aRevokedGrantAReadOnlySwitchAndADeletionRefuseTheNextCall() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    rbac(ns, "writer", "sign-get", "sign-put");
    String token = token(ns, "writer");
    String put = "{\"keys\": [\"data/x.jpg\"], \"method\": \"PUT\"}";
    assertThat(call(token, ns, "store", put).status()).isEqualTo(200);

    WasabiStorageIntegration readOnly = client.resources(WasabiStorageIntegration.class).inNamespace(ns)
        .withName("store").get();
    readOnly.getSpec().setMode(AccessMode.ReadOnly);
    client.resource(readOnly).update();
    await("read-only bites").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
        .until(() -> call(token, ns, "store", put).status() == 403);
    assertRefused(call(token, ns, "store", put), 403, "IntegrationReadOnly");

    client.resources(WasabiPlatformGrant.class).withName(ns).delete();
    await("the revoked grant bites").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
        .until(() -> call(token, ns, "store", "{\"keys\": [\"images/1.jpg\"]}").status() == 403);
    assertRefused(call(token, ns, "store", "{\"keys\": [\"images/1.jpg\"]}"), 403, "PlatformIdentityNotGranted");

    client.resources(WasabiStorageIntegration.class).inNamespace(ns).withName("store").delete();
    await("the deletion bites").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
        .until(() -> call(token, ns, "store", "{\"keys\": [\"images/1.jpg\"]}").status() == 404);
  }

  @Test
  void fiftyConcurrentCallersEachGetTheirUrls() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    List<Callable<Reply>> callers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String account = "worker-" + i;
      rbac(ns, account, "sign-get");
      String token = token(ns, account);
      List<String> keys = IntStream.range(i * 20, i * 20 + 20).mapToObj(k -> "images/" + k + ".jpg").toList();
      callers.add(() -> call(token, ns, "store", JSON.writeValueAsString(Map.of("keys", keys))));
    }
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<Reply>> replies = pool.invokeAll(callers);
      for (int i = 0; i < replies.size(); i++) {
        Reply reply = replies.get(i).get();
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode urls = reply.body().path("urls");
        assertThat(urls).hasSize(20);
        assertThat(fetch(urls.get(19).path("url").asText())).isEqualTo("image " + (i * 20 + 19));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCallerPastItsRateIsToldWhenToComeBack() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    rbac(ns, "eager", "sign-get");
    String token = token(ns, "eager");

    List<Integer> statuses = new ArrayList<>();
    Reply limited = null;
    for (int i = 0; i < 60 && limited == null; i++) {
      Reply reply = call(token, ns, "store", "{\"keys\": [\"images/1.jpg\"]}");
      statuses.add(reply.status());
      limited = reply.status() == 429 ? reply : null;
    }

    assertThat(limited).as("statuses " + statuses).isNotNull();
    assertThat(limited.body().path("reason").asText()).isEqualTo("TooManyRequests");
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(statuses.subList(0, 30)).containsOnly(200);
    // Another identity is not held by it.
    rbac(ns, "patient", "sign-get");
    assertThat(call(token(ns, "patient"), ns, "store", "{\"keys\": [\"images/1.jpg\"]}").status()).isEqualTo(200);
  }

  @Test
  void anApiServerThatStopsAnsweringGivesUnavailableNeverAnAllowAndTheApiRecovers() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    rbac(ns, "viewer", "sign-get");
    String fresh = token(ns, "viewer");
    reviews.answering(false);
    try {
      Reply down = call(fresh, ns, "store", "{\"keys\": [\"images/1.jpg\"]}");
      assertRefused(down, 503, "ServiceUnavailable");
      assertThat(down.headers().firstValue("Retry-After")).isPresent();
    } finally {
      reviews.answering(true);
    }
    assertThat(call(fresh, ns, "store", "{\"keys\": [\"images/1.jpg\"]}").status()).isEqualTo(200);
  }

  @Test
  void theCaIsPublishedInTheNamespacesThatNeedItAndASecondReplicaServesWithTheSameCa() throws Exception {
    integration("store", AccessMode.ReadWrite, spec -> { });
    String labelled = "labelled-" + ns;
    client.resource(new NamespaceBuilder().withNewMetadata().withName(labelled)
        .addToLabels(SigningService.CA_LABEL, "true").endMetadata().build()).create();

    // A tenant's own ConfigMap of that name is never taken over.
    String foreign = "foreign-" + ns;
    client.resource(new NamespaceBuilder().withNewMetadata().withName(foreign)
        .addToLabels(SigningService.CA_LABEL, "true").endMetadata().build()).create();
    client.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withNamespace(foreign)
        .withName(CA).endMetadata().withData(Map.of(CaPublisher.CA_KEY, "mine", "other", "kept")).build()).create();

    await("copies published").atMost(Duration.ofSeconds(15)).until(() -> copy(ns).isPresent()
        && copy(labelled).isPresent());
    assertThat(copy(ns)).isEqualTo(copy(HOME));
    assertThat(copy(labelled)).isEqualTo(copy(HOME));
    assertThat(client.configMaps().inNamespace(foreign).withName(CA).get().getData())
        .isEqualTo(Map.of(CaPublisher.CA_KEY, "mine", "other", "kept"));

    // A replica of another shard: it serves, with a certificate from the same CA, and sees none of these.
    OperatorConfig shard = OperatorConfig.fromEnvironment(Map.of(OperatorConfig.WATCH_LABEL_SELECTOR,
        "sharding.storage.wasabi-operator.io/key=elsewhere"));
    try (OperatorUnderTest second = new OperatorUnderTest(client, shard, signing(Map.of()), Clock.systemUTC())) {
      await("second replica ready").atMost(Duration.ofSeconds(20)).until(second::ready);
      rbac(ns, "viewer", "sign-get");
      Reply reply = https.call(SigningClient.uri("localhost", second.signingPort(), ns, "store"),
          token(ns, "viewer"), "{\"keys\": [\"images/1.jpg\"]}");
      assertRefused(reply, 404, "IntegrationNotFound");
      assertThat(reply.text()).contains("sharding.storage.wasabi-operator.io/key=elsewhere");
    }
  }

  private static Optional<String> copy(String namespace) {
    return SigningClient.published(client, namespace, CA);
  }

  private static URI uri(String namespace, String integration) {
    return SigningClient.uri("127.0.0.1", operator.signingPort(), namespace, integration);
  }

  private static Reply call(String token, String namespace, String integration, String body) throws Exception {
    return https.call(uri(namespace, integration), token, body);
  }

  private static void assertRefused(Reply reply, int status, String reason) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.body().path("reason").asText()).as(reply.text()).isEqualTo(reason);
    assertThat(reply.body().path("message").asText()).isNotBlank();
  }

  private static String fetch(String url) throws Exception {
    HttpResponse<String> response = plain.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static String token(String namespace, String serviceAccount) {
    String token = issuer.issue(namespace, serviceAccount, List.of(AUDIENCE), Duration.ofHours(1));
    synchronized (tokens) {
      tokens.add(token);
    }
    return token;
  }

  private static void rbac(String namespace, String serviceAccount, String... verbs) {
    rbacFrom(namespace, serviceAccount, namespace, serviceAccount, verbs);
  }

  private static void rbacFrom(String namespace, String binding, String accountNamespace, String serviceAccount,
      String... verbs) {
    SigningRbac.grant(namespace, binding, accountNamespace, serviceAccount, verbs)
        .forEach(object -> client.resource(object).create());
  }

  private void integration(String name, AccessMode mode, Consumer<WasabiStorageIntegrationSpec> change) {
    WasabiStorageIntegration integration = Resources.integration(ns, name, BUCKET, mode);
    integration.getSpec().setEndpoint(s3.endpoint().toString());
    integration.getSpec().setStorageName(name);
    change.accept(integration.getSpec());
    client.resource(integration).create();
    operator.awaitCondition(ns, name, "Ready", "True", "Ready");
  }

  private static WasabiPlatformGrant grant(String namespace) {
    PlatformGrantSpec spec = new PlatformGrantSpec();
    spec.setNamespaces(List.of(namespace));
    spec.setBuckets(List.of("*"));
    spec.setEndpoints(List.of("127.0.0.1"));
    WasabiPlatformGrant grant = new WasabiPlatformGrant();
    grant.setMetadata(new ObjectMetaBuilder().withName(namespace).build());
    grant.setSpec(spec);
    return grant;
  }
}
