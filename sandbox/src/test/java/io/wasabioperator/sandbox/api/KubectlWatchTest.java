package io.wasabioperator.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KubectlWatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WIDGETS = "/apis/example.com/v1/namespaces/demo/widgets";

  private final AtomicLong versions = new AtomicLong(10);
  private final KubectlWatch watch = new KubectlWatch(versions::incrementAndGet);

  @Test
  void aDeleteThenACreateOfOneNameArriveInTheOrderTheyHappened() throws Exception {
    watch.deleted(ApiPath.parse(WIDGETS + "/w"), widget("w", "5", "a"));  // deleted at 11
    JsonNode recreated = widget("w", "12", "a");
    JsonNode older = widget("v", "8", "a");

    List<String> events = events(WIDGETS + "?watch=true&resourceVersion=7", List.of(recreated, older));

    assertThat(events).containsExactly("MODIFIED v 8", "DELETED w 11", "MODIFIED w 12");
  }

  @Test
  void rememberedDeletionsAreSelectedByLabelsAndName() throws Exception {
    watch.deleted(ApiPath.parse(WIDGETS + "/a"), widget("a", "5", "a"));
    watch.deleted(ApiPath.parse(WIDGETS + "/b"), widget("b", "6", "b"));

    assertThat(events(WIDGETS + "?watch=true&labelSelector=team%20in%20(a)", List.of())).containsExactly("DELETED a 11");
    assertThat(events(WIDGETS + "?watch=true&labelSelector=team!%3Da", List.of())).containsExactly("DELETED b 12");
    assertThat(events(WIDGETS + "?watch=true&fieldSelector=metadata.name%3Db", List.of()))
        .containsExactly("DELETED b 12");
  }

  private List<String> events(String target, List<JsonNode> current) throws Exception {
    ApiPath path = ApiPath.parse(target);
    String body = new String(watch.respond(path, Selection.of(path), current).getBody().getBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    List<String> events = new java.util.ArrayList<>();
    for (String line : body.strip().lines().toList()) {
      JsonNode event = JSON.readTree(line);
      JsonNode metadata = event.path("object").path("metadata");
      events.add(event.path("type").asText() + " " + metadata.path("name").asText() + " "
          + metadata.path("resourceVersion").asText());
    }
    return events;
  }

  private static JsonNode widget(String name, String resourceVersion, String team) throws Exception {
    return JSON.readTree("""
        {"apiVersion": "example.com/v1", "kind": "Widget",
         "metadata": {"name": "%s", "namespace": "demo", "resourceVersion": "%s", "labels": {"team": "%s"}}}
        """.formatted(name, resourceVersion, team));
  }
}
