package io.wasabioperator.hostile;

import static io.wasabioperator.testsupport.Resources.credentialsRef;
import static io.wasabioperator.testsupport.Resources.decoded;
import static io.wasabioperator.testsupport.Resources.integrationRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.CredentialsSecretRef;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.PlatformGrantSpec;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.WasabiPlatformGrant;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.RetryBackoff;
import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.config.SecretLocation;
import io.wasabioperator.config.TenancyConfig;
import io.wasabioperator.secrets.ManagedLabels;
import io.wasabioperator.testsupport.LeakCheck;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a tenant with nothing but its own namespace could do to others before: use the platform
 * identity on another customer's bucket or folder, have any Secret's values copied, keep URLs after
 * access ended. Each attack, end to end, and what an administrator grants to let the legitimate use
 * through.
 */
@RecordedApiServer
class TenantIsolationIT {
  static KubernetesClient client;
  private static S3TestServer s3;
  private static OperatorUnderTest operator;
  private static LeakCheck leakCheck;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final String CUSTOMER_A_BUCKET = "customer-a-slides";
  private static final String SHARED_BUCKET = "shared-slides";
  private static final String OPEN_BUCKET = "open-data";
  private static final String RESOURCE_GRANTED_BUCKET = "granted-by-resource";
  private static final String DATABASE_PASSWORD = "db-password-Sentinel-0123456789";

  /**
   * Customer A's bucket to team-a only; the shared bucket to team-a and team-b by folder; the open
   * bucket to everyone; all at the local S3 server.
   */
  private static final String GRANTS = """
      [{"namespaces": ["team-a"], "buckets": ["customer-a-*"], "endpoints": ["127.0.0.1"]},
       {"namespaces": ["team-a"], "buckets": ["shared-slides"], "prefixes": ["team-a/"], "endpoints": ["127.0.0.1"]},
       {"namespaces": ["team-b"], "buckets": ["shared-slides"], "prefixes": ["team-b/"], "endpoints": ["127.0.0.1"]},
       {"namespaces": ["*"], "buckets": ["open-*"], "endpoints": ["127.0.0.1"]}]""";

  @BeforeAll
  static void start() throws Exception {
    leakCheck = new LeakCheck();
    s3 = new S3TestServer();
    for (String bucket : List.of(CUSTOMER_A_BUCKET, SHARED_BUCKET, OPEN_BUCKET, RESOURCE_GRANTED_BUCKET)) {
      s3.createBucket(bucket);
    }
    s3.putObject(CUSTOMER_A_BUCKET, "cases/a.jpg", new byte[] {1});
    s3.putObject(OPEN_BUCKET, "cases/a.jpg", new byte[] {1});
    s3.putObject(OPEN_BUCKET, "cases/slide.mrxs", new byte[] {1});
    s3.putObject(OPEN_BUCKET, "cases/slide/Slidedat.ini", new byte[] {1});
    s3.putObject(RESOURCE_GRANTED_BUCKET, "a.jpg", new byte[] {1});
    client.resource(Resources.labelledCredentials("wasabi-operator", "platform", S3TestServer.READ_WRITE)).create();
    OperatorConfig config = new OperatorConfig(Set.of(), Optional.of(new SecretLocation("wasabi-operator", "platform")),
        OperatorConfig.DEFAULT_PRINCIPAL_ARN, true, OperatorConfig.DEFAULT_PROBE_INTERVAL,
        OperatorConfig.DEFAULT_MAX_URL_DURATION, OperatorConfig.DEFAULT_MAX_RECHECK_INTERVAL,
        new RetryBackoff(Duration.ofMillis(300), Duration.ofSeconds(2)),
        new S3Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)), Optional.empty(),
        TenancyConfig.fromEnvironment(Map.of(TenancyConfig.PLATFORM_GRANTS, GRANTS,
            TenancyConfig.ENDPOINT_ALLOWLIST, "127.0.0.1", TenancyConfig.PRIVATE_ENDPOINT_CIDRS, "127.0.0.0/8")), Optional.empty());
    operator = new OperatorUnderTest(client, config, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      leakCheck.assertNothingLeaked(client, List.of("X-Amz-Signature", DATABASE_PASSWORD,
          S3TestServer.READ_WRITE.secretAccessKey(), S3TestServer.READ_ONLY.secretAccessKey()));
    } finally {
      leakCheck.close();
      operator.close();
      s3.close();
    }
  }

  @Test
  void thePlatformIdentityReachesOnlyTheBucketsGrantedToTheNamespace() {
    integration("team-b", "steal", CUSTOMER_A_BUCKET, s -> { });
    integration("team-a", "own", CUSTOMER_A_BUCKET, s -> { });

    String refusal = operator.awaitCondition("team-b", "steal", "Ready", "False", "PlatformIdentityNotGranted")
        .getMessage();
    assertThat(refusal).contains("namespace team-b", "bucket " + CUSTOMER_A_BUCKET, "WasabiPlatformGrant");
    assertThat(operator.condition("team-b", "steal", "AccessVerified").orElseThrow().getReason())
        .as("not even probed with the platform key").isEqualTo("NotProbed");
    request("team-b", "steal-url", "steal", s -> s.setKey("cases/a.jpg"));
    operator.awaitRequestCondition("team-b", "steal-url", "Ready", "False", "PlatformIdentityNotGranted");
    assertThat(client.secrets().inNamespace("team-b").withName("steal-url").get()).as("no URL for team b").isNull();

    operator.awaitCondition("team-a", "own", "Ready", "True", "Ready");
    assertThat(operator.integration("team-a", "own").getStatus().getPlatformGrant())
        .isEqualTo("grant 1 of WASABI_OPERATOR_PLATFORM_GRANTS");
  }

  @Test
  void tenantsSharingABucketReachOnlyTheirOwnFolder() {
    integration("team-a", "shared-a", SHARED_BUCKET, s -> s.setAccessPrefix("team-a/"));
    integration("team-b", "shared-b", SHARED_BUCKET, s -> s.setAccessPrefix("team-b/"));
    integration("team-b", "into-a", SHARED_BUCKET, s -> s.setAccessPrefix("team-a/"));
    integration("team-b", "whole", SHARED_BUCKET, s -> { });
    integration("team-b", "sibling", SHARED_BUCKET, s -> s.setAccessPrefix("team-b-archive/"));

    operator.awaitCondition("team-a", "shared-a", "Ready", "True", "Ready");
    operator.awaitCondition("team-b", "shared-b", "Ready", "True", "Ready");
    assertThat(operator.awaitCondition("team-b", "into-a", "Ready", "False", "PlatformIdentityNotGranted")
        .getMessage()).contains("folder team-a/");
    assertThat(operator.awaitCondition("team-b", "whole", "Ready", "False", "PlatformIdentityNotGranted")
        .getMessage()).contains("(whole bucket)");
    operator.awaitCondition("team-b", "sibling", "Ready", "False", "PlatformIdentityNotGranted");

    request("team-b", "cross", "shared-b", s -> s.setKey("team-a/cases/a.jpg"));
    operator.awaitRequestCondition("team-b", "cross", "Ready", "False", "KeyOutsideAccessPrefix");
  }

  @Test
  void onlySecretsMarkedForTheOperatorAreUsedAsCredentials() {
    String ns = "team-c";
    Secret database = Resources.secret(ns, "database", Map.of("username", "admin", "password", DATABASE_PASSWORD));
    client.resource(database).create();
    Secret basicAuth = Resources.secret(ns, "basic-auth", Map.of("username", "admin", "password", DATABASE_PASSWORD));
    basicAuth.setType("kubernetes.io/basic-auth");
    basicAuth.getMetadata().setLabels(Map.of(ManagedLabels.CREDENTIALS, "true"));
    client.resource(basicAuth).create();

    integration(ns, "unlabelled", OPEN_BUCKET, s -> s.setCredentialsSecretRef(keys("database", "username", "password")));
    integration(ns, "wrong-type", OPEN_BUCKET, s -> s.setCredentialsSecretRef(keys("basic-auth", "username", "password")));
    integration(ns, "same-key", OPEN_BUCKET, s -> s.setCredentialsSecretRef(keys("database", "password", "password")));

    assertThat(operator.awaitCondition(ns, "unlabelled", "Ready", "False", "CredentialsSecretNotLabelled").getMessage())
        .contains(ManagedLabels.CREDENTIALS + "=true");
    assertThat(operator.awaitCondition(ns, "wrong-type", "Ready", "False", "CredentialsSecretWrongType").getMessage())
        .contains("kubernetes.io/basic-auth", "Opaque");
    operator.awaitCondition(ns, "same-key", "Ready", "False", "InvalidCredentialsSecretRef");
    assertThat(client.secrets().inNamespace(ns).list().getItems())
        .filteredOn(secret -> !Set.of("database", "basic-auth").contains(secret.getMetadata().getName()))
        .allSatisfy(secret -> assertThat(decoded(secret).values()).doesNotContain(DATABASE_PASSWORD));
  }

  @Test
  void aKeyPairReachesTheConnectionSecretOnlyOnceVerifiedAndLeavesWithItsSecret() throws Exception {
    String ns = "team-d";
    client.resource(keyPair(ns, "keys", S3TestServer.READ_WRITE.accessKeyId(), "not-the-secret-Sentinel")).create();
    integration(ns, "own", OPEN_BUCKET, s -> s.setCredentialsSecretRef(credentialsRef("keys")));

    operator.awaitCondition(ns, "own", "AccessVerified", "False", "InvalidCredentials");
    assertThat(connectionSecret(ns, "own")).as("an unverified pair is not copied")
        .doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

    client.resource(keyPair(ns, "keys", S3TestServer.READ_WRITE.accessKeyId(),
        S3TestServer.READ_WRITE.secretAccessKey())).update();
    operator.awaitCondition(ns, "own", "Ready", "True", "Ready");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connectionSecret(ns, "own"))
        .containsEntry("AWS_ACCESS_KEY_ID", S3TestServer.READ_WRITE.accessKeyId()));
    request(ns, "image", "own", s -> s.setKey("cases/a.jpg"));
    operator.awaitRequestCondition(ns, "image", "Ready", "True", "Issued");

    client.secrets().inNamespace(ns).withName("keys").delete();
    operator.awaitCondition(ns, "own", "Ready", "False", "CredentialsSecretNotFound");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connectionSecret(ns, "own"))
        .doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"));
    assertThat(operator.awaitRequestCondition(ns, "image", "Ready", "False", "CredentialsSecretNotFound").getMessage())
        .contains("withdrawn");
    assertThat(urlSecret(ns, "image")).doesNotContainKeys("url", "expiresAt", "urls.json");
  }

  @Test
  void urlsSignedWithAKeyPairAreWithdrawnWhenItsOwnerTakesTheCredentialsLabelOff() throws Exception {
    String ns = "team-h";
    client.resource(keyPair(ns, "keys", S3TestServer.READ_WRITE.accessKeyId(),
        S3TestServer.READ_WRITE.secretAccessKey())).create();
    integration(ns, "own", OPEN_BUCKET, s -> s.setCredentialsSecretRef(credentialsRef("keys")));
    operator.awaitCondition(ns, "own", "Ready", "True", "Ready");
    request(ns, "image", "own", s -> s.setKey("cases/a.jpg"));
    operator.awaitRequestCondition(ns, "image", "Ready", "True", "Issued");

    // The owner withdraws consent: the Secret stays, its label goes.
    client.secrets().inNamespace(ns).withName("keys").edit(secret -> {
      secret.getMetadata().getLabels().remove(ManagedLabels.CREDENTIALS);
      return secret;
    });

    operator.awaitCondition(ns, "own", "Ready", "False", "CredentialsSecretNotLabelled");
    assertThat(operator.awaitRequestCondition(ns, "image", "Ready", "False", "CredentialsSecretNotLabelled")
        .getMessage()).contains("withdrawn");
    assertThat(urlSecret(ns, "image")).doesNotContainKeys("url", "expiresAt", "urls.json");
  }

  @Test
  void urlsAreWithdrawnWhenTheIntegrationStopsGrantingThem() throws Exception {
    String ns = "team-e";
    integration(ns, "store", OPEN_BUCKET, s -> {
      s.setAccessPrefix("cases/");
      s.setMirax(true);
    });
    operator.awaitCondition(ns, "store", "Ready", "True", "Ready");
    request(ns, "upload", "store", s -> {
      s.setKey("cases/new.jpg");
      s.setMethod(HttpMethod.PUT);
    });
    request(ns, "slide", "store", s -> s.setKey("cases/slide.mrxs"));
    request(ns, "image", "store", s -> s.setKey("cases/a.jpg"));
    request(ns, "doomed", "doomed-store", s -> s.setKey("cases/a.jpg"));
    integration(ns, "doomed-store", OPEN_BUCKET, s -> s.setStorageName("doomed"));
    for (String name : List.of("upload", "slide", "image", "doomed")) {
      operator.awaitRequestCondition(ns, name, "Ready", "True", "Issued");
    }
    String imageUrl = urlSecret(ns, "image").get("url");

    // ReadOnly: the outstanding upload URL goes at once, not when it expires.
    editIntegration(ns, "store", s -> s.setMode(AccessMode.ReadOnly));
    operator.awaitRequestCondition(ns, "upload", "Ready", "False", "IntegrationReadOnly");
    assertThat(urlSecret(ns, "upload")).doesNotContainKeys("url", "expiresAt");

    editIntegration(ns, "store", s -> s.setMirax(false));
    operator.awaitRequestCondition(ns, "slide", "Ready", "False", "MiraxNotEnabled");
    assertThat(urlSecret(ns, "slide")).doesNotContainKeys("url", "urls.json", "expiresAt");
    // (Signed again after the change of mode, which is part of what a URL is signed for.)
    assertThat(urlSecret(ns, "image")).as("what is still granted stays").containsKey("url");
    assertThat(get(urlSecret(ns, "image").get("url"))).isEqualTo(200);

    editIntegration(ns, "store", s -> s.setAccessPrefix("elsewhere/"));
    operator.awaitRequestCondition(ns, "image", "Ready", "False", "KeyOutsideAccessPrefix");
    assertThat(urlSecret(ns, "image")).doesNotContainKeys("url", "expiresAt");

    client.resources(WasabiStorageIntegration.class).inNamespace(ns).withName("doomed-store").delete();
    assertThat(operator.awaitRequestCondition(ns, "doomed", "Ready", "False", "IntegrationNotFound").getMessage())
        .contains("withdrawn from Secret doomed");
    assertThat(urlSecret(ns, "doomed")).doesNotContainKeys("url", "expiresAt");
    assertThat(get(imageUrl)).as("a copied URL stays valid until notAfter: only short durations help").isEqualTo(200);
  }

  @Test
  void aGrantReplacedWithinTheGracePeriodWithdrawsNothingAndOneGoneForGoodDoes() {
    String ns = "team-f";
    client.resource(grant("team-f-grant", ns)).create();
    integration(ns, "store", RESOURCE_GRANTED_BUCKET, s -> { });
    operator.awaitCondition(ns, "store", "Ready", "True", "Ready");
    assertThat(operator.integration(ns, "store").getStatus().getPlatformGrant())
        .isEqualTo("WasabiPlatformGrant/team-f-grant");
    request(ns, "image", "store", s -> s.setKey("a.jpg"));
    operator.awaitRequestCondition(ns, "image", "Ready", "True", "Issued");
    await("the grant counts its integration").atMost(Duration.ofSeconds(10)).until(() -> usage("team-f-grant") == 1);
    String url = urlSecret(ns, "image").get("url");

    // Replaced, as `kubectl replace --force` or a recreating sync does it.
    client.resources(WasabiPlatformGrant.class).withName("team-f-grant").delete();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> client.resources(WasabiPlatformGrant.class).withName("team-f-grant").get() == null);
    client.resource(grant("team-f-grant", ns)).create();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(operator.condition(ns, "store", "Ready").orElseThrow().getStatus()).isEqualTo("True");
      assertThat(urlSecret(ns, "image")).containsEntry("url", url);
    });

    client.resources(WasabiPlatformGrant.class).withName("team-f-grant").delete();
    // Other grants come and go all along: they must not restart this integration's grace.
    ScheduledExecutorService churn = Executors.newSingleThreadScheduledExecutor();
    churn.scheduleWithFixedDelay(() -> {
      try {
        client.resources(WasabiPlatformGrant.class).withName("elsewhere").delete();
        client.resource(grant("elsewhere", "team-z")).create();
      } catch (RuntimeException e) {
        // A failed round of churn only makes the test easier to pass: the next one comes 4 s later.
      }
    }, 0, 4, TimeUnit.SECONDS);
    try {
      await("not refused before the grace period is over").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
          .untilAsserted(() -> {
            assertThat(operator.condition(ns, "store", "Ready").orElseThrow().getStatus()).isEqualTo("True");
            assertThat(urlSecret(ns, "image")).containsKey("url");
          });
      await().atMost(Duration.ofSeconds(40)).until(() -> operator.condition(ns, "store", "Ready")
          .map(c -> "PlatformIdentityNotGranted".equals(c.getReason())).orElse(false));
    } finally {
      churn.shutdownNow();
    }
    operator.awaitRequestCondition(ns, "image", "Ready", "False", "PlatformIdentityNotGranted");
    assertThat(urlSecret(ns, "image")).doesNotContainKeys("url", "expiresAt");
  }

  @Test
  void aRotationSignsWithTheNewKeyOnlyOnceItIsVerified() throws Exception {
    String ns = "team-g";
    client.resource(keyPair(ns, "keys", S3TestServer.READ_WRITE.accessKeyId(),
        S3TestServer.READ_WRITE.secretAccessKey())).create();
    integration(ns, "own", OPEN_BUCKET, s -> {
      s.setMode(AccessMode.ReadOnly);
      s.setCredentialsSecretRef(credentialsRef("keys"));
    });
    operator.awaitCondition(ns, "own", "Ready", "True", "Ready");
    request(ns, "image", "own", s -> s.setKey("cases/a.jpg"));
    operator.awaitRequestCondition(ns, "image", "Ready", "True", "Issued");
    String first = urlSecret(ns, "image").get("url");

    client.secrets().inNamespace(ns).withName("keys").edit(secret -> {
      secret.getMetadata().getLabels().put("team", "g");
      return secret;
    });
    client.resource(keyPair(ns, "keys", S3TestServer.READ_WRITE.accessKeyId(), "wrong-Sentinel")).update();
    operator.awaitCondition(ns, "own", "AccessVerified", "False", "InvalidCredentials");
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
        .untilAsserted(() -> assertThat(urlSecret(ns, "image")).containsEntry("url", first));
    assertThat(get(first)).as("the URLs that work stay").isEqualTo(200);

    client.resource(keyPair(ns, "keys", S3TestServer.READ_ONLY.accessKeyId(),
        S3TestServer.READ_ONLY.secretAccessKey())).update();
    operator.awaitCondition(ns, "own", "Ready", "True", "Ready");
    await().atMost(Duration.ofSeconds(10)).until(() -> urlSecret(ns, "image").getOrDefault("url", "")
        .contains(S3TestServer.READ_ONLY.accessKeyId()));
    assertThat(get(urlSecret(ns, "image").get("url"))).isEqualTo(200);
  }

  private static WasabiPlatformGrant grant(String name, String namespace) {
    PlatformGrantSpec spec = new PlatformGrantSpec();
    spec.setNamespaces(List.of(namespace));
    spec.setBuckets(List.of(RESOURCE_GRANTED_BUCKET));
    spec.setEndpoints(List.of("127.0.0.1"));
    WasabiPlatformGrant grant = new WasabiPlatformGrant();
    grant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    grant.setSpec(spec);
    return grant;
  }

  private static int usage(String grant) {
    WasabiPlatformGrant found = client.resources(WasabiPlatformGrant.class).withName(grant).get();
    return found == null || found.getStatus() == null || found.getStatus().getIntegrations() == null ? -1
        : found.getStatus().getIntegrations();
  }

  private static Secret keyPair(String namespace, String name, String id, String secret) {
    Secret keys = Resources.secret(namespace, name, Map.of("accessKeyId", id, "secretAccessKey", secret));
    keys.getMetadata().setLabels(Map.of(ManagedLabels.CREDENTIALS, "true"));
    return keys;
  }

  private static CredentialsSecretRef keys(String secret, String idKey, String secretKey) {
    CredentialsSecretRef ref = credentialsRef(secret);
    ref.setAccessKeyIdKey(idKey);
    ref.setSecretAccessKeyKey(secretKey);
    return ref;
  }

  private static void integration(String namespace, String name, String bucket,
      Consumer<WasabiStorageIntegrationSpec> change) {
    WasabiStorageIntegration integration = Resources.integration(namespace, name, bucket, AccessMode.ReadWrite);
    integration.getSpec().setEndpoint(s3.endpoint().toString());
    integration.getSpec().setStorageName(name);
    change.accept(integration.getSpec());
    client.resource(integration).create();
  }

  private static void editIntegration(String namespace, String name, Consumer<WasabiStorageIntegrationSpec> change) {
    client.resources(WasabiStorageIntegration.class).inNamespace(namespace).withName(name).edit(integration -> {
      change.accept(integration.getSpec());
      return integration;
    });
  }

  private static void request(String namespace, String name, String integration,
      Consumer<SignedUrlRequestSpec> change) {
    SignedUrlRequest request = new SignedUrlRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    SignedUrlRequestSpec spec = new SignedUrlRequestSpec();
    spec.setIntegrationRef(integrationRef(integration));
    change.accept(spec);
    request.setSpec(spec);
    client.resource(request).create();
  }

  private static Map<String, String> connectionSecret(String namespace, String integration) {
    Secret secret = client.secrets().inNamespace(namespace).withName(integration + "-connection").get();
    return secret == null ? Map.of() : decoded(secret);
  }

  private static Map<String, String> urlSecret(String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    assertThat(secret).as("Secret " + name).isNotNull();
    return decoded(secret);
  }

  private static int get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
