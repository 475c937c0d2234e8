package io.wasabioperator.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.apiserver.auth.Reviews;
import io.wasabioperator.apiserver.auth.TokenIssuer;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.ProcessConfig;
import io.wasabioperator.config.SigningConfig;
import io.wasabioperator.sandbox.api.KubectlApi;
import io.wasabioperator.sandbox.api.TokenRequestBodies;
import io.wasabioperator.config.TenancyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import sun.misc.Signal;

/**
 * The whole product on one machine, with no cluster and no cloud account: an embedded Kubernetes API
 * (fabric8's mock server in CRUD mode), an embedded S3 server with a demo bucket, the operator, the
 * CRDs and the demo manifests, and a console that shows what happens until Ctrl-C.
 */
public final class Sandbox implements AutoCloseable {
  static final String DEMO_NAMESPACE = "demo";
  private static final String USAGE = """
      usage: java -jar sandbox/target/wasabi-sandbox.jar [--manifests FILE...] [--kubeconfig FILE]

        --manifests FILE...  apply these manifest files instead of the demo ones
                             (the platform credentials Secret is still created, and
                             ${S3_ENDPOINT} in them is replaced by the sandbox's S3 endpoint)
        --kubeconfig FILE    where to write the kubeconfig for kubectl
                             (default: kubeconfig next to the jar, sandbox/target/kubeconfig)
      """;
  /** User-Agent of the sandbox's own client: its writes are shown as "applied", not as a client's. */
  private static final String USER_AGENT = "wasabi-sandbox";

  // Held so that java.util.logging keeps the level: it forgets loggers nobody references.
  private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer api;
  private final KubernetesClient client;
  private final KubernetesClient operatorClient;
  private final Path kubeconfig;
  private final DemoStorage storage;
  private final WasabiOperator operator;
  private final SandboxConsole console;
  private final String signingUrl;
  /** The file beside the kubeconfig that holds the signing API's address. */
  static final String SIGNING_URL_FILE = "signing-url";

  private Sandbox(PrintStream out, List<Path> manifests, Consumer<SandboxConsole.FetchResult> fetched,
      Path kubeconfigFile, KubernetesCrudDispatcher store) throws Exception {
    // The embedded API server logs every request through java.util.logging.
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    AtomicReference<SandboxConsole> shownOn = new AtomicReference<>();
    KubectlApi kubectlApi = new KubectlApi(store, Clock.systemUTC(),
        List.of(WasabiOperator.USER_AGENT, USER_AGENT), write -> {
          SandboxConsole shown = shownOn.get();
          if (shown != null) {
            shown.clientWrite(write);
          }
        });
    // TokenRequest, TokenReview and SubjectAccessReview in front: kubectl create token, and the signing API's reviews.
    Reviews reviews = new Reviews(kubectlApi, new TokenIssuer(Clock.systemUTC()));
    api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new TokenRequestBodies(reviews),
        false);
    api.init(InetAddress.getLoopbackAddress(), 0);
    String server = "http://127.0.0.1:" + api.getPort();
    kubectlApi.serverAddress("127.0.0.1:" + api.getPort());
    client = client(server, USER_AGENT);
    operatorClient = client(server, WasabiOperator.USER_AGENT);
    out.println("Kubernetes API (embedded, CRUD mock in front of which kubectl works) at " + server);
    storage = new DemoStorage();
    out.println("S3 server (embedded S3Proxy) at " + storage.endpoint() + ", bucket " + DemoStorage.BUCKET
        + " with 3 images and a MIRAX slide");
    applyCrds(out);

    Map<String, String> variables = Map.of(
        "S3_ENDPOINT", storage.endpoint().toString(),
        "ACCESS_KEY_ID_BASE64", base64(DemoStorage.ACCESS_KEY_ID),
        "SECRET_ACCESS_KEY_BASE64", base64(DemoStorage.SECRET_ACCESS_KEY));
    Manifests applier = new Manifests(client);
    console = new SandboxConsole(client, out, fetched);
    console.start();
    shownOn.set(console);
    OperatorPresence.namespaces(client, List.of("default", DEMO_NAMESPACE, OperatorPresence.NAMESPACE));
    // The demo namespace may use the platform identity on the demo bucket, at the embedded S3 server.
    Map<String, String> environment = new TreeMap<>(Map.of(
        OperatorConfig.PLATFORM_CREDENTIALS_SECRET, "wasabi-operator/platform-credentials",
        OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
        TenancyConfig.PLATFORM_GRANTS, "[{\"namespaces\": [\"" + DEMO_NAMESPACE + "\"], \"buckets\": [\""
            + DemoStorage.BUCKET + "\"], \"endpoints\": [\"127.0.0.1\"]}]",
        TenancyConfig.ENDPOINT_ALLOWLIST, "127.0.0.1",
        TenancyConfig.PRIVATE_ENDPOINT_CIDRS, "127.0.0.0/8"));
    // The Deployment shows the environment the operator really runs with, as a cluster's would.
    // The signing API on a loopback port, its certificate naming localhost and 127.0.0.1.
    environment.putAll(Map.of(SigningConfig.PORT, "0", SigningConfig.BIND_ADDRESS, "127.0.0.1",
        SigningConfig.NAMESPACE, OperatorPresence.NAMESPACE, SigningConfig.EXTRA_NAMES, "localhost,127.0.0.1",
        // Ctrl-C stops it at once: no Service sends it calls.
        SigningConfig.DRAIN, "0s"));
    OperatorPresence.deployment(client, environment);
    OperatorConfig config = OperatorConfig.fromEnvironment(environment);
    operator = new WasabiOperator(operatorClient, config, SigningConfig.fromEnvironment(environment),
        Clock.systemUTC(), Optional.of(OperatorPresence.leaderElection()));
    operator.start();
    signingUrl = "https://127.0.0.1:" + operator.signingPort().orElseThrow();
    out.println("Operator started (Deployment " + OperatorPresence.NAMESPACE + "/" + OperatorPresence.NAME
        + ", leader election on Lease " + OperatorPresence.NAMESPACE + "/" + ProcessConfig.DEFAULT_LEASE_NAME
        + "); signing API at " + signingUrl);

    List<HasMetadata> applied = new ArrayList<>();
    if (manifests.isEmpty()) {
      applied.addAll(applier.applyDemo(variables));
    } else {
      applied.addAll(applier.applyCredentials(variables));
      for (Path file : manifests) {
        applied.addAll(applier.applyFile(file, variables));
      }
    }
    applied.forEach(item -> out.println("applied " + item.getKind() + " " + item.getMetadata().getNamespace()
        + "/" + item.getMetadata().getName()));
    kubeconfig = Kubeconfig.write(kubeconfigFile, server);
    out.println("kubeconfig for kubectl written to " + kubeconfig);
    // Beside the kubeconfig, so a shell that selected the sandbox finds the port: README's first run reads it.
    Files.writeString(kubeconfig.resolveSibling(SIGNING_URL_FILE), signingUrl + "\n");
  }

  /** Starts everything; the console writes to {@code out}, and every signed-URL fetch goes to {@code fetched}. */
  public static Sandbox start(PrintStream out, List<Path> manifests, Consumer<SandboxConsole.FetchResult> fetched)
      throws Exception {
    return start(out, manifests, fetched, Kubeconfig.defaultLocation());
  }

  /** As {@link #start(PrintStream, List, Consumer)}, writing the kubeconfig for kubectl to {@code kubeconfig}. */
  public static Sandbox start(PrintStream out, List<Path> manifests, Consumer<SandboxConsole.FetchResult> fetched,
      Path kubeconfig) throws Exception {
    return start(out, manifests, fetched, kubeconfig, new KubernetesCrudDispatcher(List.of()));
  }

  /**
   * As {@link #start(PrintStream, List, Consumer, Path)}, with the embedded API's objects kept in {@code store}
   * (the tests' store, say, which admits writes as a real API server does).
   */
  public static Sandbox start(PrintStream out, List<Path> manifests, Consumer<SandboxConsole.FetchResult> fetched,
      Path kubeconfig, KubernetesCrudDispatcher store) throws Exception {
    return new Sandbox(out, manifests, fetched, kubeconfig, store);
  }

  /** The signing API's address, https://127.0.0.1:port. */
  public String signingUrl() {
    return signingUrl;
  }

  /** The kubeconfig file written for kubectl. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  private static KubernetesClient client(String server, String userAgent) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(server)
        .withNamespace(DEMO_NAMESPACE).withUserAgent(userAgent).build()).build();
  }

  private void applyCrds(PrintStream out) throws IOException {
    for (String name : List.of("wasabistorageintegrations.storage.wasabi-operator.io-v1.yml",
        "signedurlrequests.storage.wasabi-operator.io-v1.yml", "wasabiplatformgrants.storage.wasabi-operator.io-v1.yml")) {
      try (InputStream in = Sandbox.class.getClassLoader().getResourceAsStream("crds/" + name)) {
        CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in,
            CustomResourceDefinition.class);
        client.resource(crd).create();
        out.println("applied CustomResourceDefinition " + crd.getMetadata().getName());
      }
    }
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws Exception {
    console.close();
    operator.close();
    operatorClient.close();
    client.close();
    storage.close();
    api.destroy();
  }

  public static void main(String[] args) throws Exception {
    // The operator's jar brings its own logback.xml; the sandbox's console wants a quieter one.
    System.setProperty("logback.configurationFile", "logback-sandbox.xml");
    List<Path> manifests = new ArrayList<>();
    Path kubeconfig = Kubeconfig.defaultLocation();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--kubeconfig") && i + 1 < args.length) {
        kubeconfig = Path.of(args[++i]);
      } else if (args[i].equals("--manifests")) {
        while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
          Path file = Path.of(args[++i]);
          if (!Files.isReadable(file)) {
            System.err.println("sandbox: cannot read " + file);
            System.exit(2);
          }
          manifests.add(file);
        }
      } else {
        System.err.print(args[i].equals("--help") ? "" : "sandbox: unknown argument " + args[i] + "\n");
        System.err.print(USAGE);
        System.exit(args[i].equals("--help") ? 0 : 2);
      }
    }

    PrintStream out = System.out;
    out.println("Starting the wasabi-operator sandbox...");
    Sandbox sandbox = start(out, manifests, result -> { }, kubeconfig);
    out.println("""

        The sandbox is running. Renewals happen every half minute or so; watch the revisions grow.
        In a second terminal, kubectl talks to the sandbox's API (what it changes shows up here):
          export KUBECONFIG=%s
          kubectl get wsi,sur
          kubectl describe sur/tissue-1
          kubectl annotate sur/tissue-1 note=from-kubectl
          kubectl wasabi status sur/tissue-1      (the kubectl plugin, built from cli/)
        The signing API, as a workload with the ServiceAccount viewer calls it:
          kubectl get configmap wasabi-operator-signing-ca -o jsonpath='{.data.ca\\.crt}' > signing-ca.crt
          curl --cacert signing-ca.crt -H "Authorization: Bearer $(kubectl create token viewer --audience wasabi-operator)" \\
            -d '{"keys": ["images/tissue-1.png"]}' %s/v1alpha1/namespaces/demo/wasabistorageintegrations/demo/urls
        Where to look next:
          README.md                 the API reference, conditions and what to do about each reason
          examples/                 manifests for a real cluster and Wasabi account
          helm/wasabi-operator/     the Helm chart
          java -jar sandbox/target/wasabi-sandbox.jar --manifests my.yaml   try your own manifests here
        Press Ctrl-C to stop.
        """.formatted(sandbox.kubeconfig(), sandbox.signingUrl()));

    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stop = () -> {
      out.println("Stopping...");
      try {
        sandbox.close();
      } catch (Exception e) {
        out.println("while stopping: " + e.getMessage());
      }
      out.println("Stopped.");
      stopped.countDown();
    };
    // Ctrl-C is how users stop the sandbox, not a failure: exit 0.
    Signal.handle(new Signal("INT"), signal -> new Thread(() -> {
      stop.run();
      Runtime.getRuntime().halt(0);
    }).start());
    Signal.handle(new Signal("TERM"), signal -> new Thread(() -> {
      stop.run();
      Runtime.getRuntime().halt(0);
    }).start());
    stopped.await();
  }
}
