package io.wasabioperator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.wasabioperator.config.InvalidConfigurationException;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.ProcessConfig;
import io.wasabioperator.config.SigningConfig;
import io.wasabioperator.grants.GrantUsage;
import io.wasabioperator.grants.PlatformGrants;
import io.wasabioperator.integration.ConnectionSecret;
import io.wasabioperator.integration.CredentialsCache;
import io.wasabioperator.integration.CredentialsResolver;
import io.wasabioperator.integration.WasabiStorageIntegrationReconciler;
import io.wasabioperator.observability.OperatorMetrics;
import io.wasabioperator.observability.SigningMetrics;
import io.wasabioperator.secrets.LabelledSecrets;
import io.wasabioperator.secrets.ManagedLabels;
import io.wasabioperator.secrets.SecretStore;
import io.wasabioperator.secrets.SecretView;
import io.wasabioperator.secrets.SecretWriter;
import io.wasabioperator.secrets.SharedSecrets;
import io.wasabioperator.signedurl.SignedUrlRequestReconciler;
import io.wasabioperator.signedurl.UrlSecret;
import io.wasabioperator.signing.IntegrationLookup;
import io.wasabioperator.signing.SigningService;
import io.wasabioperator.storage.PrivateAddressGuard;
import io.wasabioperator.storage.S3ClientFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring: configuration, then the operator with one reconciler per resource. */
public final class WasabiOperator implements AutoCloseable {
  /** Sent with every API request, so that audit logs and API priority rules can tell the operator apart. */
  public static final String USER_AGENT = "wasabi-operator";
  private static final Logger log = LoggerFactory.getLogger(WasabiOperator.class);
  /** Of credentials Secrets the informer keeps only whether they carry the label: their values are read when needed. */
  private static final SecretView CREDENTIALS_VIEW = new SecretView(Set.of(ManagedLabels.CREDENTIALS), Set.of(),
      Set.of());

  private final Operator operator;
  private final S3ClientFactory s3;
  private final OperatorMetrics metrics;
  private final SharedSecrets secrets;
  private final PlatformGrants grants;
  private final GrantUsage grantUsage;
  private final KubernetesClient client;
  private final OperatorConfig config;
  private final SigningConfig signingConfig;
  private final Clock clock;
  private final CredentialsResolver credentialsResolver;
  private final SignedUrlRequestReconciler requestReconciler;
  /** Whether this replica leads (true without an election): the leader rotates and publishes the signing CA. */
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile Optional<SigningService> signing = Optional.empty();
  /** Set when the operator is being stopped: leadership that ends then is no reason to exit. */
  private volatile boolean closing;

  public WasabiOperator(KubernetesClient client, OperatorConfig config, Clock clock) {
    this(client, config, clock, Optional.empty());
  }

  /** @param leaderElection when present, only the replica holding the Lease reconciles */
  public WasabiOperator(KubernetesClient client, OperatorConfig config, Clock clock,
      Optional<LeaderElectionConfiguration> leaderElection) {
    this(client, config, SigningConfig.off(), clock, leaderElection);
  }

  /** @param signing the signing API's settings; it is served from {@link #start()} when they give a port */
  public WasabiOperator(KubernetesClient client, OperatorConfig config, SigningConfig signing, Clock clock,
      Optional<LeaderElectionConfiguration> leaderElection) {
    this.client = client;
    this.config = config;
    this.signingConfig = signing;
    this.clock = clock;
    this.metrics = new OperatorMetrics(clock);
    PrivateAddressGuard guard = new PrivateAddressGuard(config.tenancy().privateEndpointCidrs());
    this.s3 = new S3ClientFactory(config.s3Timeouts(), metrics, guard, config.caBundle());
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client)
          // Per-resource series would grow with the number of requests; per-controller ones do not.
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics.registry()))
          .withCloseClientOnStop(false)
          // Server-side apply of the primary resource is off: status is written with a plain update,
          // which works on every API server (and on the mock server the tests use).
          .withUseSSAToPatchPrimaryResource(false);
      // The count gauges come from the leader only: a standby's caches hold the same counts, and a sum over
      // replicas or shards would count them twice.
      leaderElection.map(this::reportingWhileLeading).ifPresentOrElse(o::withLeaderElectionConfiguration,
          this::lead);
    });
    // Both controllers share one informer per kind of labelled Secret, and one cache of key pairs.
    LabelledSecrets owned = new LabelledSecrets(client, ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR,
        config.watchNamespaces(), () -> SecretStore.owned(UrlSecret.REQUEST_LABEL,
            SecretView.union(UrlSecret.VIEW, ConnectionSecret.VIEW)), clock);
    LabelledSecrets credentials = new LabelledSecrets(client, ManagedLabels.CREDENTIALS, "true",
        config.watchNamespaces(), () -> SecretStore.metadataOnly(CREDENTIALS_VIEW), clock);
    this.secrets = new SharedSecrets(owned, credentials, new SecretWriter(client, owned));
    CredentialsCache credentialsCache = new CredentialsCache(clock);
    credentials.addListener(secret -> credentialsCache.invalidate(Cache.metaNamespaceKeyFunc(secret)));
    this.credentialsResolver = new CredentialsResolver(client, config, credentialsCache);
    this.grants = new PlatformGrants(client, config.tenancy().platformGrants());
    this.grantUsage = new GrantUsage(client, grants);
    operator.register(new WasabiStorageIntegrationReconciler(client, config, s3, clock, metrics, secrets,
        credentialsResolver, grants, grantUsage), c -> {
      if (!config.watchNamespaces().isEmpty()) {
        c.settingNamespaces(config.watchNamespaces());
      }
      c.withRetry(apiErrorRetry());
      config.watchLabelSelector().ifPresent(c::withLabelSelector);
    });
    this.requestReconciler = new SignedUrlRequestReconciler(client, config, s3, clock, metrics, secrets,
        credentialsResolver, grants);
    operator.register(requestReconciler, c -> {
      if (!config.watchNamespaces().isEmpty()) {
        c.settingNamespaces(config.watchNamespaces());
      }
      c.withRetry(apiErrorRetry());
      config.watchLabelSelector().ifPresent(c::withLabelSelector);
      // The renew-requested-at annotation must wake the request although it does not bump the generation.
      c.withGenerationAware(false).withOnUpdateFilter(SignedUrlRequestReconciler::isRelevantUpdate);
    });
  }

  /**
   * The election as configured, with the gauges following the leadership, and the exit on lost leadership
   * done here: java-operator-sdk calls System.exit from its callback, which, when the leadership ends
   * because the process is stopping (SIGTERM, and close() in a shutdown hook), blocks for ever inside the
   * shutdown hook, so the pod would wait out its whole grace period and be killed.
   */
  private LeaderElectionConfiguration reportingWhileLeading(LeaderElectionConfiguration election) {
    Runnable stopped = () -> {
      leading.set(false);
      metrics.notLeading();
      if (election.isExitOnStopLeading() && !closing) {
        log.error("Lost the leadership of Lease {}: exiting, to be restarted as a standby", election.getLeaseName());
        new Thread(() -> System.exit(1), "exit").start();
      }
    };
    return new LeaderElectionConfiguration(election.getLeaseName(), election.getLeaseNamespace().orElse(null),
        election.getLeaseDuration(), election.getRenewDeadline(), election.getRetryPeriod(),
        election.getIdentity().orElse(null), new LeaderCallbacks(this::lead, stopped, leader -> { }), false);
  }

  private void lead() {
    leading.set(true);
    metrics.leading();
  }

  /**
   * Expected failures end in status and a scheduled recheck; what reaches the framework's retry is an
   * API error (a conflict, a 5xx, a dropped connection). Retry those with capped backoff, without a
   * limit, so that a long API outage does not leave resources unreconciled for hours.
   */
  private static GenericRetry apiErrorRetry() {
    return new GenericRetry()
        .setInitialInterval(Duration.ofSeconds(1))
        .setIntervalMultiplier(2)
        .setMaxInterval(Duration.ofMinutes(5).toMillis())
        .withoutMaxAttempts();
  }

  /** Starts reconciling (or standing by) and, when configured, serves the signing API: every replica does. */
  public void start() {
    operator.start();
    if (signingConfig.enabled()) {
      signing = Optional.of(SigningService.start(client, config, signingConfig, requestReconciler.integrations(),
          grants, credentialsResolver, new SigningMetrics(metrics.registry()), leading::get, clock));
    }
  }

  /** The integrations as this replica's informer holds them: what the signing API judges calls by. */
  public IntegrationLookup integrations() {
    return requestReconciler.integrations();
  }

  /** The port the signing API listens on, once started with one. */
  public Optional<Integer> signingPort() {
    return signing.map(SigningService::port);
  }

  /** Live: started. */
  public boolean live() {
    return operator.getRuntimeInfo().isStarted();
  }

  /** Ready: every informer healthy and, with the signing API, a certificate to serve with. */
  public boolean ready() {
    RuntimeInfo runtime = operator.getRuntimeInfo();
    return runtime.isStarted() && runtime.allEventSourcesAreHealthy()
        && (!signingConfig.enabled() || signing.map(SigningService::ready).orElse(false));
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    closing = true;
    signing.ifPresent(SigningService::close);
    operator.stop();
    grantUsage.close();
    grants.close();
    secrets.close();
    s3.close();
  }

  /** The messages of an exception and its causes, each once: "Error starting operator" alone says nothing. */
  static String causes(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null && messages.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (messages.stream().noneMatch(known -> known.contains(message))) {
        messages.add(message);
      }
    }
    return String.join(": ", messages);
  }

  /** The jar's Implementation-Version (the project's); "development build" when run from classes. */
  public static String version() {
    return Optional.ofNullable(WasabiOperator.class.getPackage().getImplementationVersion())
        .orElse("development build");
  }

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("--version")) {
      System.out.println("wasabi-operator " + version());
      return;
    }
    OperatorConfig config;
    ProcessConfig process;
    SigningConfig signing;
    try {
      config = OperatorConfig.fromEnvironment(System.getenv());
      process = ProcessConfig.fromEnvironment(System.getenv());
      signing = SigningConfig.fromEnvironment(System.getenv());
    } catch (InvalidConfigurationException e) {
      System.err.println("wasabi-operator: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(Config.autoConfigure(null)).withUserAgent(USER_AGENT).build())
        .build();
    ProcessConfig.LeaseTimings timings = process.leaseTimings();
    Optional<LeaderElectionConfiguration> leaderElection = process.leaseNamespace().map(namespace ->
        new LeaderElectionConfiguration(process.leaseName(), namespace, timings.leaseDuration(),
            timings.renewDeadline(), timings.retryPeriod(), process.identity(), null, true));
    WasabiOperator operator = new WasabiOperator(client, config, signing, Clock.systemUTC(), leaderElection);
    HealthServer health;
    Optional<MetricsServer> metricsServer;
    try {
      health = new HealthServer(process.healthPort(), operator::live, operator::ready);
    } catch (IOException e) {
      System.err.println("wasabi-operator: cannot listen on the health port (" + ProcessConfig.HEALTH_PORT + " "
          + process.healthPort() + "): " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      metricsServer = process.metricsPort().isEmpty() ? Optional.empty()
          : Optional.of(new MetricsServer(process.metricsPort().get(), operator.metrics()));
    } catch (IOException e) {
      System.err.println("wasabi-operator: cannot listen on the metrics port (" + ProcessConfig.METRICS_PORT + " "
          + process.metricsPort().get() + "): " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping");
      operator.close();
      health.close();
      metricsServer.ifPresent(MetricsServer::close);
      client.close();
    }, "shutdown"));
    try {
      operator.start();
    } catch (RuntimeException e) {
      // Typically no reachable API server or missing RBAC; the causes say which (never a Secret's value).
      log.error("Could not start: {}", causes(e));
      System.exit(1);
    }
    log.info("Started wasabi-operator {}; health on port {}, {}, {}{}; watching {}{}", version(), health.port(),
        metricsServer.map(server -> "metrics on port " + server.port()).orElse("no metrics server"),
        operator.signingPort().map(port -> "signing API on port " + port).orElse("no signing API"),
        leaderElection.isPresent() ? ", leader election on" : "",
        config.watchNamespaces().isEmpty() ? "all namespaces" : new TreeSet<>(config.watchNamespaces()),
        config.caBundle().map(bundle -> "; trusting " + bundle + " besides the JVM's CAs").orElse(""));
  }

}
