package io.wasabioperator.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher called as the mock server calls it: every request gets an answer, and the right code. */
class KubectlApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WIDGETS = "/apis/example.com/v1/namespaces/demo/widgets";
  private static final String CRD = """
      {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
       "metadata": {"name": "widgets.example.com"},
       "spec": {"group": "example.com", "scope": "Namespaced",
         "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]},
         "versions": [{"name": "v1", "served": true, "storage": true,
           "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}},
           "additionalPrinterColumns": [
             {"name": "Last", "type": "string", "jsonPath": ".spec.sizes[-1:]"},
             {"name": "Size", "type": "integer", "jsonPath": ".spec.size"}]}]}}
      """;

  private final KubectlApi api = new KubectlApi(new KubernetesCrudDispatcher(List.of()), Clock.systemUTC(), List.of(),
      write -> { });

  @Test
  void aPrinterColumnOutsideTheJsonPathSubsetLeavesItsCellsEmpty() throws Exception {
    assertThat(send(HttpMethod.POST, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", CRD).code())
        .isEqualTo(201);
    assertThat(send(HttpMethod.POST, WIDGETS, widget("a", "")).code()).isEqualTo(201);

    MockResponse table = api.dispatch(request(HttpMethod.GET, WIDGETS, Headers.builder()
        .set("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").build(), new byte[0]));

    assertThat(table.code()).isEqualTo(200);
    JsonNode cells = body(table).path("rows").path(0).path("cells");
    assertThat(cells.get(0).asText()).isEqualTo("a");
    assertThat(cells.get(1).isNull()).as("the unsupported column's cell").isTrue();
    assertThat(cells.get(2).asInt()).isEqualTo(3);
  }

  @Test
  void aMergePatchThatRemovesMetadataIsInvalid() throws Exception {
    send(HttpMethod.POST, "/api/v1/namespaces/demo/configmaps", """
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}""");

    MockResponse patched = api.dispatch(request(HttpMethod.PATCH, "/api/v1/namespaces/demo/configmaps/c",
        Headers.builder().set("Content-Type", "application/merge-patch+json").build(),
        "{\"metadata\": null}".getBytes(StandardCharsets.UTF_8)));

    assertThat(patched.code()).isEqualTo(422);
    assertThat(body(patched).path("reason").asText()).isEqualTo("Invalid");
  }

  @Test
  void writesOutsideTheResourcePathsAreNotFound() throws Exception {
    for (HttpMethod method : List.of(HttpMethod.PATCH, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE)) {
      assertThat(send(method, "/version", "{}").code()).as(method.name()).isEqualTo(404);
      assertThat(send(method, "/apis/example.com/v1", "{}").code()).as(method.name()).isEqualTo(404);
    }
  }

  @Test
  void aMalformedProtobufSecretIsABadRequest() throws Exception {
    byte[] cutShort = {'k', '8', 's', 0, 0x12, 0x7f, 0x0a};

    MockResponse created = api.dispatch(request(HttpMethod.POST, "/api/v1/namespaces/demo/secrets", Headers.builder()
        .set("Content-Type", "application/vnd.kubernetes.protobuf").build(), cutShort));

    assertThat(created.code()).isEqualTo(400);
    assertThat(body(created).path("reason").asText()).isEqualTo("BadRequest");
  }

  @Test
  void anyOtherFailureIsAnInternalErrorThatNamesTheRequestButNotItsBody() throws Exception {
    KubectlApi failing = new KubectlApi(new KubernetesCrudDispatcher(List.of()) {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        throw new IllegalStateException("the store broke");
      }
    }, Clock.systemUTC(), List.of(), write -> { });

    MockResponse answer = failing.dispatch(request(HttpMethod.POST, "/api/v1/namespaces/demo/secrets?dryRun=All",
        Headers.builder().set("Content-Type", "application/json").build(),
        "{\"stringData\": {\"key\": \"very-secret\"}}".getBytes(StandardCharsets.UTF_8)));

    assertThat(answer.code()).isEqualTo(500);
    JsonNode status = body(answer);
    assertThat(status.path("reason").asText()).isEqualTo("InternalError");
    assertThat(status.path("message").asText()).contains("POST /api/v1/namespaces/demo/secrets",
        "java.lang.IllegalStateException").doesNotContain("very-secret");
  }

  @Test
  void listsAndDeletesOnlyWhatASetBasedSelectorSelects() throws Exception {
    send(HttpMethod.POST, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", CRD);
    send(HttpMethod.POST, WIDGETS, widget("a", "\"team\": \"a\""));
    send(HttpMethod.POST, WIDGETS, widget("b", "\"team\": \"b\""));
    send(HttpMethod.POST, WIDGETS, widget("none", ""));

    assertThat(names(send(HttpMethod.GET, WIDGETS + "?labelSelector=team%20in%20(a)", ""))).containsExactly("a");
    assertThat(names(send(HttpMethod.GET, WIDGETS + "?labelSelector=!team", ""))).containsExactly("none");
    assertThat(names(send(HttpMethod.GET, "/apis/example.com/v1/widgets?labelSelector=team%20notin%20(a)"
        + "&fieldSelector=metadata.namespace%3Ddemo", ""))).containsExactlyInAnyOrder("b", "none");

    MockResponse deleted = send(HttpMethod.DELETE, WIDGETS + "?labelSelector=team%20in%20(a,b)", "");
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(names(deleted)).containsExactlyInAnyOrder("a", "b");
    assertThat(names(send(HttpMethod.GET, WIDGETS, ""))).containsExactly("none");
  }

  @Test
  void aFieldSelectorTheSandboxCannotEvaluateIsABadRequest() throws Exception {
    MockResponse list = send(HttpMethod.GET, WIDGETS + "?fieldSelector=spec.size%3D3", "");

    assertThat(list.code()).isEqualTo(400);
    assertThat(body(list).path("message").asText()).contains("the sandbox does not support this selector: spec.size=3");
    assertThat(send(HttpMethod.GET, WIDGETS + "?labelSelector=team%20in%20a", "").code()).isEqualTo(400);
  }

  @Test
  void aWatchOverWebSocketWithASelectorIsLeftToTheStore() {
    MockResponse watch = api.dispatch(request(HttpMethod.GET, WIDGETS + "?watch=true&labelSelector=team%3Da",
        Headers.builder().set("Upgrade", "websocket").build(), new byte[0]));

    assertThat(watch.getWebSocketListener()).as("the store's WebSocket watch, not a list").isNotNull();
  }

  private static List<String> names(MockResponse list) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    body(list).path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
    return names;
  }

  private MockResponse send(HttpMethod method, String path, String json) {
    return api.dispatch(request(method, path, Headers.builder().set("Content-Type", "application/json").build(),
        json.getBytes(StandardCharsets.UTF_8)));
  }

  static String widget(String name, String labels) {
    return """
        {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "%s", "labels": {%s}},
         "spec": {"size": 3, "sizes": [1, 2, 3]}}""".formatted(name, labels);
  }

  static RecordedRequest request(HttpMethod method, String path, Headers headers, byte[] body) {
    return new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer(body));
  }

  static JsonNode body(MockResponse response) throws Exception {
    return JSON.readTree(response.getBody().getBytes());
  }
}
