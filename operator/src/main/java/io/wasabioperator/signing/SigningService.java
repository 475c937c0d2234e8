package io.wasabioperator.signing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.SigningConfig;
import io.wasabioperator.grants.PlatformGrants;
import io.wasabioperator.integration.CredentialsResolver;
import io.wasabioperator.observability.SigningMetrics;
import io.wasabioperator.signing.http.ServerLimits;
import io.wasabioperator.signing.http.MountedCertificate;
import io.wasabioperator.signing.http.ServingCertificate;
import io.wasabioperator.signing.http.ServingIdentity;
import io.wasabioperator.signing.http.SigningServer;
import io.wasabioperator.signing.tls.AuthorityStore;
import io.wasabioperator.signing.tls.CaPublisher;
import io.wasabioperator.signing.tls.MountedTls;
import io.wasabioperator.signing.tls.SigningTls;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The signing API of one replica, assembled: its TLS (CA, serving certificate, published CAs), the reviews and
 * limits, the rules, and the HTTPS server. Every replica serves, leader or not; its caches and limits are its own.
 */
public final class SigningService implements AutoCloseable {
  /** The label a namespace carries to get a copy of the CA without holding an integration. */
  public static final String CA_LABEL = "storage.wasabi-operator.io/signing-ca";
  /** Bounds of the caches and per-key limits: past them the least recently used go. */
  private static final int CACHE_CAPACITY = 10_000;
  static final ServerLimits LIMITS = new ServerLimits(Duration.ofSeconds(10), Duration.ofSeconds(90), Duration.ofSeconds(30),
      SigningCall.MAX_BODY_BYTES, 32, 256, 1024, 128, 64L * 1024 * 1024);

  private final AutoCloseable tls;
  private final ServingIdentity serving;
  private final IntegrationLookup integrations;
  private final SigningServer server;
  private final Duration drain;
  private volatile boolean draining;

  private SigningService(AutoCloseable tls, ServingIdentity serving, IntegrationLookup integrations,
      SigningServer server, Duration drain) {
    this.drain = drain;
    this.tls = tls;
    this.serving = serving;
    this.integrations = integrations;
    this.server = server;
  }

  /**
   * Gets a serving certificate (creating the CA when there is none), then listens.
   *
   * @param leading whether this replica leads: the leader rotates the CA and publishes it
   */
  public static SigningService start(KubernetesClient client, OperatorConfig config, SigningConfig signing,
      IntegrationLookup integrations, PlatformGrants grants, CredentialsResolver credentials, SigningMetrics metrics,
      BooleanSupplier leading, Clock clock) {
    ServingIdentity serving;
    AutoCloseable tls;
    if (signing.tlsDirectory().isPresent()) {
      // cert-manager's Certificate, or a TLS Secret of one's own, mounted: read, and read again when replaced.
      MountedCertificate mounted = new MountedCertificate(signing.tlsDirectory().get(), clock);
      MountedTls files = new MountedTls(mounted, signing.tlsReload());
      files.start();
      serving = mounted;
      tls = files;
    } else {
      ServingCertificate minted = new ServingCertificate(signing.certificateNames(), signing.lifetimes(), clock);
      AuthorityStore store = new AuthorityStore(client, signing.namespace(), signing.caSecret(), signing.lifetimes(),
          clock);
      CaPublisher publisher = new CaPublisher(client, signing.namespace(), signing.caConfigMap(),
          () -> signing.caCopies() ? copies(config, integrations, grants) : Set.of(), clock);
      SigningTls own = new SigningTls(store, minted, publisher, leading, signing.lifetimes());
      own.start();
      serving = minted;
      tls = own;
    }
    SigningConfig.Limits limits = signing.limits();
    ReviewBudget budget = new ReviewBudget(limits.reviewRate(), limits.reviewsInFlight(), clock);
    Duration cap = signing.maxUrlDuration().compareTo(config.maxUrlDuration()) < 0 ? signing.maxUrlDuration()
        : config.maxUrlDuration();
    SigningApi api = new SigningApi(
        new CallerAuthentication(client, signing.audiences(), CACHE_CAPACITY, budget, clock),
        new CallAuthorization(client, CACHE_CAPACITY, budget, clock),
        new CallSigner(config, integrations, grants, credentials, clock),
        new SigningApi.Limits(new RateLimiter<>(limits.callerRate(), limits.callerBurst(), CACHE_CAPACITY, clock),
            new RateLimiter<>(limits.badTokenRate(), limits.badTokenBurst(), CACHE_CAPACITY, clock), cap),
        metrics);
    SigningServer server;
    try {
      server = SigningServer.start(new InetSocketAddress(signing.bindAddress(), signing.port().orElseThrow()), serving,
          LIMITS, api);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(tls);
      throw new IllegalStateException("interrupted while starting the signing API", e);
    } catch (RuntimeException e) {
      closeQuietly(tls);
      throw e;
    }
    return new SigningService(tls, serving, integrations, server, signing.drain());
  }

  /** The namespaces that get a copy of the CA: those with an integration, and those labelled for one. */
  private static Set<String> copies(OperatorConfig config, IntegrationLookup integrations, PlatformGrants grants) {
    Set<String> namespaces = new HashSet<>(integrations.namespaces());
    namespaces.addAll(grants.namespacesLabelled(CA_LABEL, "true"));
    if (!config.watchNamespaces().isEmpty()) {
      namespaces.retainAll(config.watchNamespaces());
    }
    return namespaces;
  }

  public int port() {
    return server.port();
  }

  /** Ready to serve: a certificate to serve with, and the integrations listed. */
  public boolean ready() {
    return !draining && serving.ready() && integrations.synced();
  }

  /**
   * Not ready first, serving on for the drain period while the Service's endpoints drop this pod, then closed:
   * a rollout does not refuse callers that were already on their way.
   */
  @Override
  public void close() {
    draining = true;
    try {
      Thread.sleep(drain.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    closeQuietly(tls);
  }

  private static void closeQuietly(AutoCloseable tls) {
    try {
      tls.close();
    } catch (Exception e) {
      // stopping a scheduler throws nothing worth more than the stop itself
    }
  }
}
