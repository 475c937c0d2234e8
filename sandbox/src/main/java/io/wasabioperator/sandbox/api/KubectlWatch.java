package io.wasabioperator.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Watches as kubectl makes them: a plain HTTP GET with {@code watch=true} whose answer is a stream of
 * events (the embedded server only streams watches over WebSocket, as fabric8 clients use them). Each
 * watch is answered with what changed after its resourceVersion, and ends; kubectl (client-go) then
 * watches again from the last version it saw. With nothing to report the answer waits a little, so
 * that the watch is a poll of about a second. Deletions are remembered for a while, so that
 * {@code kubectl delete} and {@code kubectl wait --for=delete} see them.
 */
final class KubectlWatch {
  private static final long EMPTY_WATCH_MILLIS = 1500;
  private static final long TOMBSTONE_MILLIS = 120_000;

  private record Tombstone(String collectionPath, JsonNode object, long resourceVersion, long at) {}

  private final List<Tombstone> tombstones = new CopyOnWriteArrayList<>();
  private final LongSupplier nextResourceVersion;

  /** @param nextResourceVersion a fresh resourceVersion of the store, for a deletion */
  KubectlWatch(LongSupplier nextResourceVersion) {
    this.nextResourceVersion = nextResourceVersion;
  }

  /** Remembers that this object is gone from its collection (namespaced and across namespaces). */
  void deleted(ApiPath object, JsonNode lastState) {
    long now = System.currentTimeMillis();
    tombstones.removeIf(tombstone -> now - tombstone.at() > TOMBSTONE_MILLIS);
    tombstones.add(new Tombstone(object.collectionPath(), lastState, nextResourceVersion.getAsLong(), now));
  }

  /**
   * The answer to a watch of {@code path} given the objects that match it now: every change after the
   * watch's resourceVersion that the selection selects, deletions included, in the order of their
   * resourceVersions, so that a delete and a create of one name reach the client in the order they happened.
   */
  MockResponse respond(ApiPath path, Selection selection, List<JsonNode> current) {
    long since = path.param("resourceVersion").map(KubectlWatch::version).orElse(0L);
    List<JsonNode> events = new ArrayList<>();
    current.stream().filter(object -> version(object) > since).forEach(object -> events.add(event("MODIFIED", object)));
    String allNamespaces = path.collectionPath().replaceFirst("/namespaces/[^/]+/", "/");
    for (Tombstone tombstone : tombstones) {
      boolean inCollection = tombstone.collectionPath().equals(path.collectionPath())
          || tombstone.collectionPath().replaceFirst("/namespaces/[^/]+/", "/").equals(allNamespaces)
          && path.namespace() == null;
      if (inCollection && tombstone.resourceVersion() > since && selection.matches(tombstone.object())) {
        ObjectNode object = tombstone.object().deepCopy();
        object.with("metadata").put("resourceVersion", Long.toString(tombstone.resourceVersion()));
        events.add(event("DELETED", object));
      }
    }
    events.sort(Comparator.comparingLong(event -> version(event.path("object"))));
    // Never empty: the server sends an empty body at once, without the delay.
    StringBuilder body = new StringBuilder(events.isEmpty() ? "\n" : "");
    events.forEach(event -> body.append(event).append('\n'));
    MockResponse response = new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(body.toString());
    return events.isEmpty() ? response.setBodyDelay(EMPTY_WATCH_MILLIS, TimeUnit.MILLISECONDS) : response;
  }

  private static JsonNode event(String type, JsonNode object) {
    return JsonNodeFactory.instance.objectNode().put("type", type).set("object", object);
  }

  private static long version(JsonNode object) {
    return version(object.path("metadata").path("resourceVersion").asText());
  }

  private static long version(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
