package io.wasabioperator.rbac;

import static io.wasabioperator.testsupport.Resources.credentials;
import static io.wasabioperator.testsupport.Resources.labelledCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.Counter;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.PlatformGrantSpec;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.WasabiPlatformGrant;
import io.wasabioperator.api.WasabiPlatformGrantStatus;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.apiserver.auth.SigningRbac;
import io.wasabioperator.apiserver.auth.TokenIssuer;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.ProcessConfig;
import io.wasabioperator.config.RetryBackoff;
import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.config.SecretLocation;
import io.wasabioperator.config.SigningConfig;
import io.wasabioperator.config.TenancyConfig;
import io.wasabioperator.testsupport.LeaseRulesReview;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.MovableClock;
import io.wasabioperator.testsupport.OperatorClient;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import io.wasabioperator.testsupport.SigningClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A short life of the operator as the chart installs it, for the RBAC recording of one watch mode: two
 * replicas electing a leader in the release namespace, the platform identity's Secret there, two team
 * namespaces with an integration each (one with its own labelled credentials, rotated once), URL
 * requests of both methods, a renamed Secret, and a failover after which the other replica renews.
 */
final class RbacScenario {
  static final String RELEASE_NAMESPACE = "wasabi-operator";
  static final String PLATFORM_SECRET = "platform-credentials";
  /** The chart's name for the signing CA's Secret and ConfigMap, for the release wasabi-operator. */
  static final String SIGNING_CA = "wasabi-operator-signing-ca";
  private static final Duration SIGNING_CA_LIFETIME = Duration.ofSeconds(60);
  private static final List<String> TEAMS = List.of("team-a", "team-b");

  private final KubernetesClient client;
  private final KubernetesMockServer server;
  private final Set<String> watchNamespaces;
  private final TokenIssuer issuer;
  private final MovableClock clock = new MovableClock();

  RbacScenario(KubernetesClient client, KubernetesMockServer server, TokenIssuer issuer, Set<String> watchNamespaces) {
    this.client = client;
    this.server = server;
    this.issuer = issuer;
    this.watchNamespaces = watchNamespaces;
  }

  private static WasabiPlatformGrant grant(String name, String namespace, String bucket) {
    PlatformGrantSpec spec = new PlatformGrantSpec();
    spec.setNamespaces(List.of(namespace));
    spec.setBuckets(List.of(bucket));
    spec.setEndpoints(List.of("127.0.0.1"));
    WasabiPlatformGrant grant = new WasabiPlatformGrant();
    grant.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
    grant.setSpec(spec);
    return grant;
  }

  void run() throws Exception {
    LeaseRulesReview.answerAsTheChartAllows(server);
    try (S3TestServer s3 = new S3TestServer()) {
      s3.createBucket("team-a-slides");
      s3.createBucket("team-b-slides");
      s3.putObject("team-a-slides", "images/a.jpg", new byte[] {1});
      s3.putObject("team-b-slides", "images/b.jpg", new byte[] {2});
      client.resource(credentials(RELEASE_NAMESPACE, PLATFORM_SECRET, S3TestServer.READ_WRITE)).create();
      client.resource(labelledCredentials("team-a", "keys", S3TestServer.READ_WRITE)).create();

      List<WasabiOperator> replicas = new ArrayList<>();
      List<KubernetesClient> clients = new ArrayList<>();
      try {
        for (String identity : List.of("replica-1", "replica-2")) {
          KubernetesClient operatorClient = OperatorClient.of(client);
          clients.add(operatorClient);
          WasabiOperator replica = new WasabiOperator(operatorClient, config(), signing(), clock,
              Optional.of(lease(identity)));
          replica.start();
          replicas.add(replica);
        }
        integration(s3, "team-a", "store", "team-a-slides", spec -> spec.setCredentialsSecretRef(
            Resources.credentialsRef("keys")));
        // Team b is on the platform identity, granted by a resource (whose status counts it).
        client.resource(grant("team-b-slides", "team-b", "team-b-slides")).create();
        integration(s3, "team-b", "store", "team-b-slides", spec -> { });
        request("team-a", "view", "images/a.jpg", HttpMethod.GET);
        request("team-a", "upload", "images/new.jpg", HttpMethod.PUT);
        request("team-b", "view", "images/b.jpg", HttpMethod.GET);
        awaitRevision("team-a", "view", 1);
        awaitRevision("team-a", "upload", 1);
        awaitRevision("team-b", "view", 1);
        if (watchNamespaces.isEmpty()) {
          await().atMost(Duration.ofSeconds(10)).until(() -> grantUsage("team-b-slides").orElse(0) == 1);
        } else {
          // Seeing part of the cluster's integrations, it does not count the grant's: another release
          // watching other namespaces would count other ones and overwrite the count.
          await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
              .until(() -> grantUsage("team-b-slides").isEmpty());
        }

        signOnDemand(replicas);

        // A new Secret name: the one under the former name goes.
        client.resources(SignedUrlRequest.class).inNamespace("team-b").withName("view")
            .edit(r -> {
              r.getSpec().setSecretName("view-renamed");
              return r;
            });
        await().atMost(Duration.ofSeconds(20)).until(
            () -> client.secrets().inNamespace("team-b").withName("view").get() == null);
        // A rotated key pair reaches the connection Secret once probed.
        S3TestServer.Identity rotated = new S3TestServer.Identity("AKIAROTATED000000001", "rotated-secret-Sentinel");
        s3.grantReadWrite(rotated);
        client.resource(labelledCredentials("team-a", "keys", rotated)).update();
        await().atMost(Duration.ofSeconds(20)).until(() -> rotated.accessKeyId().equals(Resources.decoded(
            client.secrets().inNamespace("team-a").withName("store-connection").get()).get("AWS_ACCESS_KEY_ID")));

        // Signed again with the new pair, once the integration has probed it.
        awaitRevision("team-a", "view", 2);
        var beforeFailover = client.resources(SignedUrlRequest.class).inNamespace("team-a").withName("view").get()
            .getStatus();
        WasabiOperator leader = reconciles(replicas.get(0)) > 0 ? replicas.get(0) : replicas.get(1);
        WasabiOperator follower = leader == replicas.get(0) ? replicas.get(1) : replicas.get(0);
        assertThat(reconciles(follower)).as("the follower reconciles nothing").isZero();
        leader.close();
        clock.moveBy(Duration.between(clock.instant(), Instant.parse(beforeFailover.getRenewalTime())).plusSeconds(1));
        awaitRevision("team-a", "view", beforeFailover.getRevision() + 1);
        assertThat(reconciles(follower)).as("the follower took over").isPositive();
      } finally {
        replicas.forEach(WasabiOperator::close);
        clients.forEach(KubernetesClient::close);
      }
    }
  }

  private OperatorConfig config() {
    return new OperatorConfig(watchNamespaces, Optional.of(new SecretLocation(RELEASE_NAMESPACE, PLATFORM_SECRET)),
        OperatorConfig.DEFAULT_PRINCIPAL_ARN, true, OperatorConfig.DEFAULT_PROBE_INTERVAL,
        OperatorConfig.DEFAULT_MAX_URL_DURATION, Duration.ofSeconds(1),
        new RetryBackoff(Duration.ofMillis(300), Duration.ofSeconds(1)),
        new S3Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)), Optional.empty(),
        LocalTenancy.config(Map.of(TenancyConfig.PLATFORM_GRANTS, "[]")), Optional.empty());
  }

  /**
   * Both replicas serve the signing API, leader or not; the leader publishes the CA in the namespaces with
   * integrations, and rotates it once the clock passes two thirds of its (short) life.
   */
  private void signOnDemand(List<WasabiOperator> replicas) throws Exception {
    SigningRbac.grant("team-a", "viewer", "team-a", "viewer", "sign-get").forEach(o -> client.resource(o).create());
    String token = issuer.issue("team-a", "viewer", List.of(SigningConfig.DEFAULT_AUDIENCE), Duration.ofHours(1));
    SigningClient https = SigningClient.trusting(client, RELEASE_NAMESPACE, SIGNING_CA);
    for (WasabiOperator replica : replicas) {
      SigningClient.Reply reply = https.call(SigningClient.uri("localhost", replica.signingPort().orElseThrow(),
          "team-a", "store"), token, "{\"keys\": [\"images/a.jpg\"]}");
      assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    }
    for (String team : TEAMS) {
      await("CA copied to " + team).atMost(Duration.ofSeconds(10))
          .until(() -> SigningClient.published(client, team, SIGNING_CA).isPresent());
    }
    clock.moveBy(SIGNING_CA_LIFETIME.multipliedBy(3).dividedBy(4));
    for (String namespace : List.of(RELEASE_NAMESPACE, "team-a", "team-b")) {
      await("a second CA published in " + namespace).atMost(Duration.ofSeconds(10)).until(() -> SigningClient
          .published(client, namespace, SIGNING_CA).map(pem -> pem.split("BEGIN CERTIFICATE").length - 1)
          .orElse(0) == 2);
    }
  }

  private SigningConfig signing() {
    return SigningConfig.fromEnvironment(Map.of(SigningConfig.PORT, "0", SigningConfig.NAMESPACE, RELEASE_NAMESPACE,
        SigningConfig.EXTRA_NAMES, "localhost", SigningConfig.CA_SECRET, SIGNING_CA, SigningConfig.CA_CONFIGMAP,
        SIGNING_CA, SigningConfig.CA_LIFETIME, SIGNING_CA_LIFETIME.toSeconds() + "s",
        SigningConfig.CERT_LIFETIME, "6s", SigningConfig.DRAIN, "0s"));
  }

  /** Short lease so the takeover happens within seconds; no exit when leadership ends (a test JVM). */
  private static LeaderElectionConfiguration lease(String identity) {
    return new LeaderElectionConfiguration(ProcessConfig.DEFAULT_LEASE_NAME, RELEASE_NAMESPACE, Duration.ofSeconds(3),
        Duration.ofSeconds(2), Duration.ofMillis(500), identity, null, false);
  }

  private void integration(S3TestServer s3, String namespace, String name, String bucket,
      Consumer<io.wasabioperator.api.WasabiStorageIntegrationSpec> change) {
    WasabiStorageIntegration integration = Resources.integration(namespace, name, bucket, AccessMode.ReadWrite);
    integration.getSpec().setEndpoint(s3.endpoint().toString());
    change.accept(integration.getSpec());
    client.resource(integration).create();
  }

  private void request(String namespace, String name, String key, HttpMethod method) {
    SignedUrlRequest request = new SignedUrlRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    request.setSpec(new SignedUrlRequestSpec());
    request.getSpec().setIntegrationRef(Resources.integrationRef("store"));
    request.getSpec().setKey(key);
    request.getSpec().setMethod(method);
    client.resource(request).create();
  }

  private void awaitRevision(String namespace, String name, long revision) {
    await(namespace + "/" + name + " revision " + revision).atMost(Duration.ofSeconds(30)).until(() -> {
      SignedUrlRequest request = client.resources(SignedUrlRequest.class).inNamespace(namespace).withName(name).get();
      return request.getStatus() != null && request.getStatus().getRevision() != null
          && request.getStatus().getRevision() >= revision;
    });
  }

  private Optional<Integer> grantUsage(String grant) {
    return Optional.ofNullable(client.resources(WasabiPlatformGrant.class).withName(grant).get().getStatus())
        .map(WasabiPlatformGrantStatus::getIntegrations);
  }

  private static double reconciles(WasabiOperator operator) {
    return operator.metrics().registry().find("operator.sdk.reconciliations.started").counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  static List<String> teams() {
    return TEAMS;
  }
}
