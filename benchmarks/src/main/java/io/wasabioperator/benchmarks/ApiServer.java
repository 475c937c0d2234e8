package io.wasabioperator.benchmarks;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.wasabioperator.apiserver.auth.Reviews;
import io.wasabioperator.apiserver.auth.TokenIssuer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded Kubernetes API (fabric8's mock server, CRUD mode) over plain HTTP. Objects can also be
 * loaded straight into its store, as a restored etcd would hold them: the store answers each request
 * by scanning every object, so writing tens of thousands through HTTP would take most of the run.
 */
final class ApiServer implements AutoCloseable {
  private final KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher(List.of());
  private final KubernetesMockServer server;
  private final TokenIssuer issuer = new TokenIssuer(Clock.systemUTC());
  private final Reviews reviews = new Reviews(dispatcher, issuer);

  ApiServer() {
    this(false);
  }

  /** @param reviewing TokenReviews and SubjectAccessReviews answered (from the RBAC objects stored), and counted */
  ApiServer(boolean reviewing) {
    Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        reviewing ? reviews : dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
  }

  TokenIssuer issuer() {
    return issuer;
  }

  Reviews reviews() {
    return reviews;
  }

  KubernetesClient client() {
    return server.createClient();
  }

  /** Stores {@code resource} with the fields the server would set. Only while no client writes. */
  void load(HasMetadata resource, String plural) {
    var meta = resource.getMetadata();
    if (meta.getUid() == null) {
      meta.setUid(UUID.randomUUID().toString());
    }
    meta.setResourceVersion(Long.toString(dispatcher.requestResourceVersion()));
    meta.setCreationTimestamp(Instant.now().toString());
    String path = (resource.getApiVersion().contains("/") ? "/apis/" : "/api/") + resource.getApiVersion()
        + "/namespaces/" + meta.getNamespace() + "/" + plural + "/" + meta.getName();
    try {
      dispatcher.processEvent(path, dispatcher.getKey(path), null, null, Serialization.asJson(resource));
    } catch (RejectedExecutionException e) {
      // Stored already; only the watch of a client that has gone away refused the news.
    }
  }

  /** The store's version counter, which every write moves by one (and so does each reading). */
  long writes() {
    return dispatcher.requestResourceVersion();
  }

  /** A kubeconfig for a process of its own. */
  Path kubeconfig(Path dir) throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters: [{name: bench, cluster: {server: "http://%s:%d"}}]
        users: [{name: bench, user: {token: bench}}]
        contexts: [{name: bench, context: {cluster: bench, user: bench, namespace: bench}}]
        current-context: bench
        """.formatted(server.getHostName(), server.getPort()));
    return file;
  }

  @Override
  public void close() {
    server.destroy();
  }
}
