package io.wasabioperator.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.apiserver.AdmittedApiServers;
import io.wasabioperator.apiserver.auth.Reviews;
import io.wasabioperator.apiserver.auth.TokenIssuer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the recorded mock API server for a test class and writes its recording when the class ends. */
public final class RecordedApiServerExtension implements BeforeAllCallback, AfterAllCallback {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KubernetesMockServer server;
  private KubernetesClient client;
  private RecordingDispatcher recorder;
  private Reviews reviews;
  private final TokenIssuer issuer = new TokenIssuer(Clock.systemUTC());

  // Recordings of an earlier run (a renamed suite's, say) must not be judged with this run's.
  private static final AtomicBoolean CLEARED = new AtomicBoolean();

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (CLEARED.compareAndSet(false, true)) {
      clearRecordings();
    }
    server = AdmittedApiServers.start(store -> {
      // Reviews answered as a cluster answers them, and recorded with the rest: the chart's RBAC must allow them.
      reviews = new Reviews(store, issuer);
      recorder = new RecordingDispatcher(reviews, WasabiOperator.USER_AGENT);
      return recorder;
    });
    client = server.createClient();
    for (Field field : context.getRequiredTestClass().getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      if (field.getType() == KubernetesClient.class) {
        field.setAccessible(true);
        field.set(null, client);
      } else if (field.getType() == KubernetesMockServer.class) {
        field.setAccessible(true);
        field.set(null, server);
      } else if (field.getType() == TokenIssuer.class) {
        field.setAccessible(true);
        field.set(null, issuer);
      } else if (field.getType() == Reviews.class) {
        field.setAccessible(true);
        field.set(null, reviews);
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      write(context.getRequiredTestClass());
      assertNoWriteRefused(context.getRequiredTestClass());
    } finally {
      client.close();
      server.destroy();
    }
  }

  /**
   * A write of the operator that the server refused as invalid is a defect of the operator (or of the CRD):
   * on a cluster it would retry it for ever. Tests that provoke one on purpose list it in
   * {@link RecordedApiServer#expectedRefusals()}.
   */
  private void assertNoWriteRefused(Class<?> testClass) {
    List<String> expected = List.of(testClass.getAnnotation(RecordedApiServer.class).expectedRefusals());
    List<String> refused = recorder.recorded().stream().filter(request -> request.path("status").asInt() == 422)
        .map(request -> request.path("method").asText() + " " + request.path("path").asText() + ": "
            + request.path("refusal").asText())
        .filter(refusal -> expected.stream().noneMatch(refusal::contains))
        .toList();
    if (!refused.isEmpty()) {
      throw new AssertionError("the API server refused " + refused.size() + " write(s) of the operator as invalid:\n  "
          + String.join("\n  ", refused));
    }
  }

  private static Path recordings() {
    return Path.of(System.getProperty("apiRecordings", "target/api-recordings"));
  }

  private static void clearRecordings() throws IOException {
    if (Files.isDirectory(recordings())) {
      try (var files = Files.list(recordings())) {
        for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  private void write(Class<?> testClass) throws IOException {
    String chartValues = testClass.getAnnotation(RecordedApiServer.class).chartValues();
    ObjectNode header = JSON.createObjectNode();
    header.put("scenario", testClass.getSimpleName());
    header.set("chartValues", JSON.readTree(chartValues));
    List<String> lines = new ArrayList<>();
    lines.add(JSON.writeValueAsString(header));
    for (ObjectNode request : recorder.recorded()) {
      lines.add(JSON.writeValueAsString(request));
    }
    Path dir = recordings();
    Files.createDirectories(dir);
    Files.write(dir.resolve(testClass.getSimpleName() + ".jsonl"), lines);
  }
}
