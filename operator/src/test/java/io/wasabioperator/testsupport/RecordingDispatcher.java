package io.wasabioperator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps the mock API server's dispatcher and records every request the operator's own client sends
 * (told apart by its User-Agent), with what a real API server would need to judge it: the RBAC
 * attributes follow from method, path and query; the owner-reference admission plugin needs the
 * owner references before and after the write, so those of every object written or read are tracked.
 */
final class RecordingDispatcher extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Dispatcher delegate;
  private final String userAgentPrefix;
  private final Map<String, JsonNode> ownerReferences = new ConcurrentHashMap<>();
  private final List<ObjectNode> recorded = new ArrayList<>();

  RecordingDispatcher(Dispatcher delegate, String userAgentPrefix) {
    this.delegate = delegate;
    this.userAgentPrefix = userAgentPrefix;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String target = request.getPath();
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? null : target.substring(question + 1);
    String objectPath = path.endsWith("/status") ? path.substring(0, path.length() - "/status".length()) : path;
    JsonNode stored = ownerReferences.get(objectPath);
    JsonNode body = parse(peek(request.getBody()));

    MockResponse response = delegate.dispatch(request);

    int status = response.code();
    track(request.getMethod(), path, objectPath, status, response);
    String agent = request.getHeader("User-Agent");
    if (agent != null && agent.startsWith(userAgentPrefix)) {
      ObjectNode line = JSON.createObjectNode();
      line.put("method", request.getMethod());
      line.put("path", path);
      line.put("query", query);
      line.put("status", status);
      line.set("bodyOwnerReferences", body != null && body.path("metadata").has("ownerReferences")
          ? body.path("metadata").get("ownerReferences") : null);
      line.set("storedOwnerReferences", stored);
      if (status == 422) {
        // What the server refused, and why: the admission's message names fields and values, never Secret data.
        JsonNode refusal = parse(peek(response.getBody()));
        line.put("refusal", refusal == null ? null : refusal.path("message").asText());
      }
      synchronized (recorded) {
        recorded.add(line);
      }
    }
    return response;
  }

  List<ObjectNode> recorded() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  private void track(String method, String path, String objectPath, int status, MockResponse response) {
    if (status >= 300) {
      return;
    }
    if (method.equals("DELETE")) {
      ownerReferences.remove(objectPath);
      return;
    }
    JsonNode object = parse(peek(response.getBody()));
    if (object == null || !object.path("metadata").has("name") || object.has("items")) {
      return;
    }
    JsonNode refs = object.path("metadata").has("ownerReferences")
        ? object.path("metadata").get("ownerReferences") : JSON.createArrayNode();
    String key = method.equals("POST") ? path + "/" + object.path("metadata").path("name").asText() : objectPath;
    ownerReferences.put(key, refs);
  }

  /** The buffer's text without consuming it: the delegate, and the client, still read it. */
  private static String peek(Buffer buffer) {
    return buffer == null ? null : new String(buffer.getBytes(), StandardCharsets.UTF_8);
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(text);
      return node.isObject() ? node : null;
    } catch (Exception e) {
      return null;
    }
  }
}
