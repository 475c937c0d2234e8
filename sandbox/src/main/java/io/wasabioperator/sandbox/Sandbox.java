package io.wasabioperator.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.config.OperatorConfig;
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
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.logging.Level;
import sun.misc.Signal;

/**
 * The whole product on one machine, with no cluster and no cloud account: an embedded Kubernetes API
 * (fabric8's mock server in CRUD mode), an embedded S3 server with a demo bucket, the operator, the
 * CRDs and the demo manifests, and a console that shows what happens until Ctrl-C.
 */
public final class Sandbox implements AutoCloseable {
  private static final String DEMO_NAMESPACE = "demo";
  private static final String USAGE = """
      usage: java -jar sandbox/target/wasabi-sandbox.jar [--manifests FILE...]

        --manifests FILE...  apply these manifest files instead of the demo ones
                             (the platform credentials Secret is still created, and
                             ${S3_ENDPOINT} in them is replaced by the sandbox's S3 endpoint)
      """;

  // Held so that java.util.logging keeps the level: it forgets loggers nobody references.
  private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer api;
  private final KubernetesClient client;
  private final DemoStorage storage;
  private final WasabiOperator operator;
  private final SandboxConsole console;

  private Sandbox(PrintStream out, List<Path> manifests, Consumer<SandboxConsole.FetchResult> fetched)
      throws Exception {
    // The embedded API server logs every request through java.util.logging.
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of()), false);
    api.init(InetAddress.getLoopbackAddress(), 0);
    client = api.createClient();
    out.println("Kubernetes API (embedded, CRUD mock) at " + client.getMasterUrl());
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
    // The demo namespace may use the platform identity on the demo bucket, at the embedded S3 server.
    OperatorConfig config = OperatorConfig.fromEnvironment(Map.of(
        OperatorConfig.PLATFORM_CREDENTIALS_SECRET, "wasabi-operator/platform-credentials",
        OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
        TenancyConfig.PLATFORM_GRANTS, "[{\"namespaces\": [\"" + DEMO_NAMESPACE + "\"], \"buckets\": [\""
            + DemoStorage.BUCKET + "\"], \"endpoints\": [\"127.0.0.1\"]}]",
        TenancyConfig.ENDPOINT_ALLOWLIST, "127.0.0.1",
        TenancyConfig.PRIVATE_ENDPOINT_CIDRS, "127.0.0.0/8"));
    operator = new WasabiOperator(client, config, Clock.systemUTC());
    operator.start();
    out.println("Operator started");

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
  }

  /** Starts everything; the console writes to {@code out}, and every signed-URL fetch goes to {@code fetched}. */
  public static Sandbox start(PrintStream out, List<Path> manifests, Consumer<SandboxConsole.FetchResult> fetched)
      throws Exception {
    return new Sandbox(out, manifests, fetched);
  }

  private void applyCrds(PrintStream out) throws IOException {
    for (String name : List.of("wasabistorageintegrations.storage.wasabi-operator.io-v1.yml",
        "signedurlrequests.storage.wasabi-operator.io-v1.yml")) {
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
    client.close();
    storage.close();
    api.destroy();
  }

  public static void main(String[] args) throws Exception {
    // The operator's jar brings its own logback.xml; the sandbox's console wants a quieter one.
    System.setProperty("logback.configurationFile", "logback-sandbox.xml");
    List<Path> manifests = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--manifests")) {
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
    Sandbox sandbox = start(out, manifests, result -> { });
    out.println("""

        The sandbox is running. Renewals happen every half minute or so; watch the revisions grow.
        Where to look next:
          README.md                 the API reference, conditions and what to do about each reason
          examples/                 manifests for a real cluster and Wasabi account
          helm/wasabi-operator/     the Helm chart
          java -jar sandbox/target/wasabi-sandbox.jar --manifests my.yaml   try your own manifests here
        Press Ctrl-C to stop.
        """);

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
