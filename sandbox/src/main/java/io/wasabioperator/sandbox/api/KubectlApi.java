package io.wasabioperator.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded API server as kubectl needs it, in front of fabric8's CRUD mock: version and discovery,
 * Tables with the CRDs' printer columns, core v1 Events served from the events.k8s.io store, JSON
 * merge patches that remove what they set to null, watches over plain HTTP, and the
 * SelfSubjectRulesReview java-operator-sdk sends at start. Every write of a client other than the
 * operator and the sandbox itself is reported, for the console.
 */
public final class KubectlApi extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

  /** A write by some client other than the operator and the sandbox: who, what, and to which object. */
  public record ClientWrite(String client, String verb, String object) {}

  private final KubernetesCrudDispatcher store;
  private final TableView tables;
  private final KubectlWatch watches;
  private final List<String> quietUserAgents;
  private final Consumer<ClientWrite> writes;
  private volatile String serverAddress = "127.0.0.1:443";

  /**
   * @param quietUserAgents User-Agent prefixes whose writes are not reported (the operator, the sandbox)
   */
  public KubectlApi(KubernetesCrudDispatcher store, Clock clock, List<String> quietUserAgents,
      Consumer<ClientWrite> writes) {
    this.store = store;
    this.tables = new TableView(clock);
    this.watches = new KubectlWatch(store::requestResourceVersion);
    this.quietUserAgents = quietUserAgents;
    this.writes = writes;
  }

  /** host:port, for the {@code /api} document. */
  public void serverAddress(String hostPort) {
    this.serverAddress = hostPort;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = answered(request);
    // The store sends JSON without saying so; kubectl then decodes as the type it sent (protobuf, say).
    if (response.getHeaders().get("Content-Type") == null && response.getWebSocketListener() == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  /**
   * The answer to every request, a failure included: the mock server writes nothing when a dispatcher
   * throws, and kubectl, which has no request timeout by default, would wait for ever. The message names
   * the request and the exception's class, never the body (a Secret's may hold keys).
   */
  private MockResponse answered(RecordedRequest request) {
    try {
      return route(request);
    } catch (Selection.Unsupported e) {
      return status(400, "BadRequest", e.getMessage());
    } catch (SecretBodies.MalformedProtobuf e) {
      return status(400, "BadRequest", "the protobuf body of this Secret cannot be read: " + e.getMessage());
    } catch (RuntimeException e) {
      return status(500, "InternalError", "the sandbox's embedded API failed on " + request.getMethod() + " "
          + ApiPath.parse(request.getPath()).path() + ": " + e.getClass().getName());
    }
  }

  private MockResponse route(RecordedRequest request) {
    ApiPath path = ApiPath.parse(request.getPath());
    String method = request.getMethod();
    if (method.equals("GET") && path.group() == null) {
      return root(path.path());
    }
    if (path.group() == null || !method.equals("GET") && !path.isResource()) {
      return notFound();
    }
    if (method.equals("GET") && !path.isResource()) {
      return Discovery.resourceList(resources(), path.groupVersion()).map(KubectlApi::json)
          .orElseGet(KubectlApi::notFound);
    }
    if (method.equals("POST") && "selfsubjectrulesreviews".equals(path.resource())) {
      return json(201, allowEverything(request));
    }
    String type = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
    if (type.startsWith("application/vnd.kubernetes.protobuf") && !"secrets".equals(path.resource())) {
      return status(415, "UnsupportedMediaType", "the sandbox's embedded API reads protobuf bodies of Secrets"
          + " only; send JSON");
    }
    if (method.equals("PATCH")) {
      return written(request, path, patch(request, path));
    }
    if (method.equals("GET")) {
      return read(request, path);
    }
    if (method.equals("PUT") || method.equals("POST")) {
      return written(request, path, store.dispatch(asStored(request, path)));
    }
    if (method.equals("DELETE") && path.isCollection() && Selection.isSelecting(path)) {
      return deleteSelected(request, path);
    }
    if (method.equals("DELETE")) {
      return written(request, path, store.dispatch(request));
    }
    return store.dispatch(request);
  }

  private MockResponse root(String path) {
    String trimmed = path.replaceAll("/+$", "");
    if (trimmed.startsWith("/openapi/v3/")) {
      return OpenApiV3.groupVersion(resources(), trimmed.substring("/openapi/v3/".length())).map(KubectlApi::json)
          .orElseGet(KubectlApi::notFound);
    }
    return switch (trimmed) {
      case "/version" -> json(200, JSON.createObjectNode().put("major", "1").put("minor", "32")
          .put("gitVersion", "v1.32.0-wasabi-sandbox").put("platform", "linux/amd64"));
      case "/api" -> json(Discovery.coreVersions(serverAddress));
      case "/apis" -> json(Discovery.groups(resources()));
      case "/openapi/v3" -> json(OpenApiV3.root(resources()));
      default -> notFound();
    };
  }

  private MockResponse read(RecordedRequest request, ApiPath path) {
    boolean coreEvents = path.group().isEmpty() && "events".equals(path.resource());
    boolean webSocket = request.getHeader("Upgrade") != null;
    if (path.isWatch() && !webSocket) {
      return watches.respond(path, Selection.of(path), matching(path, coreEvents));
    }
    boolean table = Optional.ofNullable(request.getHeader("Accept")).orElse("").contains("as=Table");
    // A watch over WebSocket (fabric8's clients: the operator's informers) is the store's, equality selectors and all.
    boolean selecting = path.isCollection() && !path.isWatch() && Selection.isSelecting(path);
    if (!coreEvents && !table && !selecting) {
      return store.dispatch(request);
    }
    if (path.isCollection()) {
      List<JsonNode> items = matching(path, coreEvents);
      String version = listVersion(path);
      if (table) {
        return json(tables.table(columns(path), items, version, path.query().get("includeObject")));
      }
      if (!coreEvents) {
        return json(selected(path, false));
      }
      ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "EventList");
      list.putObject("metadata").put("resourceVersion", version);
      list.putArray("items").addAll(items);
      return json(list);
    }
    MockResponse one = store.dispatch(get(path.objectPath()));
    JsonNode object = body(one);
    if (one.code() != 200 || object == null || path.subresource() != null) {
      return one;
    }
    JsonNode shown = coreEvents ? EventMirror.toCoreV1(object) : object;
    return table ? json(tables.table(columns(path), List.of(shown), object.path("metadata").path("resourceVersion")
        .asText(), path.query().get("includeObject"))) : json(shown);
  }

  /** The objects of a collection that its label and field selectors select, core v1 Events converted. */
  private List<JsonNode> matching(ApiPath path, boolean coreEvents) {
    List<JsonNode> items = new ArrayList<>();
    selected(path, coreEvents).path("items").forEach(items::add);
    return items;
  }

  /** The store's list of the collection with only the selected items (the store ignores selectors it does not know). */
  private ObjectNode selected(ApiPath path, boolean coreEvents) {
    Selection selection = Selection.of(path);
    ObjectNode list = body(store.dispatch(get(path.collectionPath()))) instanceof ObjectNode stored ? stored
        : JSON.createObjectNode();
    ArrayNode items = JSON.createArrayNode();
    for (JsonNode item : list.path("items")) {
      JsonNode shown = coreEvents ? EventMirror.toCoreV1(item) : item;
      if (selection.matches(shown)) {
        items.add(shown);
      }
    }
    list.set("items", items);
    return list;
  }

  /** A delete of the selected objects, one by one as the API server does: the answer lists what was deleted. */
  private MockResponse deleteSelected(RecordedRequest request, ApiPath path) {
    ObjectNode list = selected(path, false);
    ArrayNode deleted = JSON.createArrayNode();
    for (JsonNode item : list.path("items")) {
      ApiPath one = path.member(item.path("metadata").path("namespace").asText(), item.path("metadata").path("name")
          .asText());
      MockResponse response = written(request, one, store.dispatch(new RecordedRequest(request.getHttpVersion(),
          request.method(), one.path(), request.getHeaders(), request.getBody())));
      if (response.code() >= 300) {
        return response;
      }
      deleted.add(body(response));
    }
    list.set("items", deleted);
    return json(list);
  }

  private String listVersion(ApiPath path) {
    JsonNode list = body(store.dispatch(get(path.collectionPath() + "?limit=1")));
    return list == null ? "0" : list.path("metadata").path("resourceVersion").asText("0");
  }

  private List<TableView.Column> columns(ApiPath path) {
    List<Discovery.Resource> resources = resources();
    Discovery.Resource resource = Discovery.find(resources, path.groupVersion(), path.resource())
        .orElse(new Discovery.Resource(path.groupVersion(), path.resource(), "", "", true, List.of(), List.of(), false));
    JsonNode crdVersion = null;
    for (JsonNode crd : crds()) {
      JsonNode spec = crd.path("spec");
      if (spec.path("group").asText().equals(path.group())
          && spec.path("names").path("plural").asText().equals(path.resource())) {
        for (JsonNode version : spec.path("versions")) {
          if (version.path("name").asText().equals(path.version())) {
            crdVersion = version;
          }
        }
      }
    }
    return tables.columns(resource, crdVersion);
  }

  /**
   * JSON merge patches as RFC 7386 (the mock keeps members set to null), applied here and handed on as
   * the PUT of the result, which the mock checks against the stored resourceVersion. kubectl sends
   * strategic merge patches for built-in kinds; for a Secret that is the same as a JSON merge patch (its
   * only lists, of owner references and finalizers, are replaced whole by kubectl's patches too).
   */
  private MockResponse patch(RecordedRequest request, ApiPath path) {
    String type = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
    boolean secret = path.group().isEmpty() && "secrets".equals(path.resource());
    if (!type.startsWith(MERGE_PATCH) && !(type.startsWith(STRATEGIC_MERGE_PATCH) && secret)) {
      return type.startsWith("application/json-patch+json") ? store.dispatch(request)
          : status(415, "UnsupportedMediaType", "the sandbox's embedded API applies JSON merge patches and JSON"
              + " patches; " + type + " is not supported (server-side apply and strategic merge patches of kinds"
              + " other than Secret are not)");
    }
    String objectPath = path.subresource() == null ? path.objectPath() : path.objectPath() + "/" + path.subresource();
    MockResponse current = store.dispatch(get(objectPath));
    JsonNode stored = body(current);
    JsonNode patch = parse(request.getUtf8Body());
    if (current.code() != 200 || stored == null || patch == null) {
      return current.code() != 200 ? current : status(400, "BadRequest", "the patch is not a JSON object");
    }
    JsonNode merged = JsonMergePatch.apply(stored, patch);
    if (secret && merged instanceof ObjectNode mergedSecret) {
      SecretBodies.asStored(mergedSecret);
    }
    if (!(merged.get("metadata") instanceof ObjectNode metadata)) {
      return status(422, "Invalid", "metadata: Required value: the patch removes the object's metadata");
    }
    if (!patch.path("metadata").has("resourceVersion")) {
      metadata.set("resourceVersion", stored.path("metadata").get("resourceVersion"));
    }
    byte[] bytes = merged.toString().getBytes(StandardCharsets.UTF_8);
    Headers headers = request.getHeaders().newBuilder().set("Content-Type", "application/json")
        .set("Content-Length", Integer.toString(bytes.length)).build();
    return store.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, request.getPath(), headers,
        new Buffer(bytes)));
  }

  /**
   * A create or update as the API server would store it: a Secret from protobuf read into JSON, its
   * stringData into data, type Opaque by default. The embedded store reads JSON only: other protobuf bodies are refused.
   */
  private RecordedRequest asStored(RecordedRequest request, ApiPath path) {
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
    boolean secret = path.group().isEmpty() && "secrets".equals(path.resource());
    if (!secret || body.length == 0) {
      return request;
    }
    ObjectNode object;
    if (SecretBodies.isProtobuf(body)) {
      object = SecretBodies.fromProtobuf(body);
    } else {
      JsonNode parsed = parse(new String(body, StandardCharsets.UTF_8));
      if (!(parsed instanceof ObjectNode json) || json.has("type") && !json.has("stringData")) {
        return request;
      }
      object = json;
    }
    byte[] bytes = SecretBodies.asStored(object).toString().getBytes(StandardCharsets.UTF_8);
    Headers headers = request.getHeaders().newBuilder().set("Content-Type", "application/json")
        .set("Content-Length", Integer.toString(bytes.length)).build();
    return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers,
        new Buffer(bytes));
  }

  /** After a write that succeeded: a deletion is remembered for watches, and the write reported for the console. */
  private MockResponse written(RecordedRequest request, ApiPath path, MockResponse response) {
    if (response.code() < 300 && path.isResource()) {
      JsonNode object = body(response);
      rememberIfDeleted(path, object);
      reportClientWrite(request, path, object);
    }
    return response;
  }

  /** An object the write removed from the store, kept for the watches that have yet to see it go. */
  private void rememberIfDeleted(ApiPath path, JsonNode lastState) {
    if (path.name() != null && lastState != null && lastState.has("metadata")
        && store.dispatch(get(path.objectPath())).code() == 404) {
      watches.deleted(path, lastState);
    }
  }

  /** A write of a client other than the operator and the sandbox, told to the console: who, what, which object. */
  private void reportClientWrite(RecordedRequest request, ApiPath path, JsonNode object) {
    String agent = Optional.ofNullable(request.getHeader("User-Agent")).orElse("");
    if (quietUserAgents.stream().anyMatch(agent::startsWith) || "selfsubjectrulesreviews".equals(path.resource())) {
      return;
    }
    String client = Optional.ofNullable(request.getHeader("Kubectl-Command"))
        .orElse(agent.isEmpty() ? "a client" : agent.split("[/ ]")[0]);
    ApiPath written = path.name() != null ? path : path.member(Optional.ofNullable(path.namespace()).orElse(""),
        object == null ? "?" : object.path("metadata").path("name").asText());
    String verb = switch (request.getMethod()) {
      case "POST" -> "created";
      case "DELETE" -> object != null && object.path("metadata").has("deletionTimestamp")
          && store.dispatch(get(path.objectPath())).code() == 200 ? "marked for deletion" : "deleted";
      case "PATCH" -> "patched";
      default -> "updated";
    };
    String subresource = path.subresource() == null ? "" : " (" + path.subresource() + ")";
    writes.accept(new ClientWrite(client, verb, written.display(shortName(path)) + subresource));
  }

  private String shortName(ApiPath path) {
    return Discovery.find(resources(), path.groupVersion(), path.resource())
        .flatMap(resource -> resource.shortNames().stream().findFirst()).orElse(path.resource());
  }

  private List<Discovery.Resource> resources() {
    return Discovery.resources(crds());
  }

  private List<JsonNode> crds() {
    JsonNode list = body(store.dispatch(get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions")));
    List<JsonNode> crds = new ArrayList<>();
    if (list != null) {
      list.path("items").forEach(crds::add);
    }
    return crds;
  }

  /** Every rule allowed: the embedded API does no authorization (java-operator-sdk asks about Leases). */
  private static JsonNode allowEverything(RecordedRequest request) {
    JsonNode asked = parse(request.getUtf8Body());
    ObjectNode review = asked != null && asked.isObject() ? (ObjectNode) asked.deepCopy()
        : JSON.createObjectNode().put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectRulesReview");
    ObjectNode status = review.putObject("status").put("incomplete", false);
    ObjectNode leases = status.putArray("resourceRules").addObject();
    leases.putArray("apiGroups").add("coordination.k8s.io");
    leases.putArray("resources").add("leases");
    List.of("get", "list", "watch", "create", "update", "patch", "delete").forEach(leases.putArray("verbs")::add);
    status.putArray("nonResourceRules");
    return review;
  }

  private static RecordedRequest get(String path) {
    return new RecordedRequest("HTTP/1.1", HttpMethod.GET, path, Headers.builder().build(), new Buffer());
  }

  private static JsonNode body(MockResponse response) {
    Buffer buffer = response.getBody();
    return buffer == null ? null : parse(new String(buffer.getBytes(), StandardCharsets.UTF_8));
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

  private static MockResponse json(JsonNode body) {
    return json(200, body);
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }

  private static MockResponse notFound() {
    return status(404, "NotFound", "the server could not find the requested resource");
  }

  private static MockResponse status(int code, String reason, String message) {
    return json(code, JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
        .put("message", message).put("reason", reason).put("code", code));
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }
}
