package io.wasabioperator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * fabric8's CRUD store, admitting writes as a real API server does. A write (create, update, patch, the
 * status subresource included) is stored only if the object that would be stored passes the checks of
 * names, labels and annotations, of Secrets (1 MiB), and for the kinds of the given CRDs their schema and
 * CEL rules (transition rules with the stored object as {@code oldSelf}); unknown fields of those kinds are
 * pruned. Otherwise the answer is the server's 422 Invalid, with its causes. A delete whose
 * {@code preconditions} (uid, resourceVersion) do not hold is 409 Conflict. The CRDs' status subresources
 * are enabled, so status is dropped on create and ignored by writes of the main resource.
 *
 * <p>The judgement runs where the store is about to save the object it computed (so every patch type is
 * judged by its result), under the store's lock, before any watch is told. JSON merge patches are applied
 * as RFC 7386 says (a null removes the member; the plain mock keeps it), and {@code generateName} gets five
 * random characters as on a server (the plain mock appends a UUID, which can make a valid name too long).
 */
public class AdmittingStore extends KubernetesCrudDispatcher {
  private static final String NAME_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";
  private static final int MAX_GENERATE_NAME_PREFIX = 58;

  private final Map<String, CrdValidator> crds;
  /**
   * A request with this header is judged without the CRDs' schemas and rules, as an earlier CRD without them
   * would have stored it: how a test makes the objects an upgrade leaves behind (see {@link #earlierCrdClient}).
   */
  public static final String EARLIER_CRD_HEADER = "X-Test-Stored-Under-An-Earlier-Crd";

  private final ThreadLocal<JsonNode> deletePreconditions = new ThreadLocal<>();
  private final ThreadLocal<Boolean> earlierCrd = ThreadLocal.withInitial(() -> false);
  private final ThreadLocal<String> prunedState = new ThreadLocal<>();

  /** A store that judges the kinds of these CRDs (YAML or JSON documents as trees). */
  public AdmittingStore(List<JsonNode> crdDocuments) {
    super(crdDocuments.stream().map(AdmittingStore::context).toList());
    this.crds = crdDocuments.stream().map(crd -> CrdValidator.of(crd, Set.of()))
        .collect(Collectors.toMap(crd -> crd.apiVersion() + " " + crd.kind(), Function.identity()));
  }

  /** A store that judges the project's kinds by the CRDs checked in at {@code crds/}. */
  public static AdmittingStore ofProjectCrds() {
    return new AdmittingStore(ProjectCrds.documents());
  }

  /**
   * A client of the same server whose writes are stored as an earlier CRD, without today's schema and rules,
   * would have stored them: objects that a cluster keeps across a CRD upgrade and the operator must still
   * handle. Names, labels and Secret limits still apply, unknown fields are still pruned.
   */
  public static KubernetesClient earlierCrdClient(KubernetesClient client) {
    return new KubernetesClientBuilder().withConfig(client.getConfiguration())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("earlier-crd", new Interceptor() {
          @Override
          public void before(BasicBuilder request, HttpRequest original, RequestTags tags) {
            request.header(EARLIER_CRD_HEADER, "true");
          }
        }))
        .build();
  }

  private static CustomResourceDefinitionContext context(JsonNode crd) {
    return CustomResourceDefinitionContext.fromCrd(
        Serialization.jsonMapper().convertValue(crd, CustomResourceDefinition.class));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      RecordedRequest admitted = request;
      earlierCrd.set(request.getHeader(EARLIER_CRD_HEADER) != null);
      if (request.getMethod().equals("DELETE")) {
        deletePreconditions.set(parse(text(request.getBody())).path("preconditions"));
      } else if (request.getMethod().equals("POST")) {
        admitted = withGeneratedName(request);
      }
      MockResponse response = super.dispatch(admitted);
      String pruned = prunedState.get();
      if (pruned != null && response != null && response.code() < 300) {
        // The server answers with what it stored.
        response.setBody(pruned);
      }
      return response;
    } catch (Refusal refusal) {
      return refusal.response();
    } finally {
      deletePreconditions.remove();
      prunedState.remove();
      earlierCrd.remove();
    }
  }

  /** RFC 7386, as the API server applies a JSON merge patch: null removes a member. */
  @Override
  public JsonNode merge(JsonNode baseResource, String updatedResource) throws KubernetesCrudDispatcherException {
    return MergePatch.apply(baseResource, asNode(updatedResource));
  }

  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
      GenericKubernetesResource resource, String newState) {
    // Called under the store's write lock with the state about to be stored (null for a removal).
    String oldState = oldAttributes == null ? null : map.get(oldAttributes);
    JsonNode old = oldState == null ? null : parse(oldState);
    checkPreconditions(path, old);
    String stored = newState;
    GenericKubernetesResource storedResource = resource;
    if (newState != null) {
      stored = admitted(parse(newState), old, newState);
      if (!stored.equals(newState)) {
        storedResource = null;
        prunedState.set(stored);
      }
    }
    super.processEvent(path, pathAttributes, oldAttributes, storedResource, stored);
  }

  private String admitted(JsonNode object, JsonNode old, String state) {
    List<FieldError> errors = new ArrayList<>(BuiltInRules.objectMeta(object));
    if (object.path("apiVersion").asText().equals("v1") && object.path("kind").asText().equals("Secret")) {
      errors.addAll(BuiltInRules.secret(object, old));
    }
    CrdValidator crd = crds.get(object.path("apiVersion").asText() + " " + object.path("kind").asText());
    String stored = state;
    if (crd != null) {
      CrdValidator.Admission admission = crd.admit(object, old);
      if (!earlierCrd.get()) {
        admission.result().violations().forEach(violation -> errors.add(violation.error()));
      }
      if (!admission.stored().equals(object)) {
        stored = Serialization.asJson(admission.stored());
      }
    }
    if (!errors.isEmpty()) {
      throw Refusal.invalid(object, errors);
    }
    return stored;
  }

  private void checkPreconditions(String path, JsonNode current) {
    JsonNode preconditions = deletePreconditions.get();
    if (preconditions == null || current == null) {
      return;
    }
    JsonNode metadata = current.path("metadata");
    for (String field : List.of("uid", "resourceVersion")) {
      JsonNode expected = preconditions.path(field);
      if (expected.isTextual() && !expected.asText().equals(metadata.path(field).asText())) {
        throw Refusal.preconditionFailed(ApiPaths.qualifiedResource(path), metadata.path("name").asText(),
            field.equals("uid") ? "UID" : "ResourceVersion", expected.asText(), metadata.path(field).asText());
      }
    }
  }

  private static RecordedRequest withGeneratedName(RecordedRequest request) {
    JsonNode body = parse(text(request.getBody()));
    JsonNode metadata = body.path("metadata");
    String prefix = metadata.path("generateName").asText("");
    if (prefix.isEmpty() || !metadata.path("name").asText("").isEmpty()) {
      return request;
    }
    StringBuilder name = new StringBuilder(prefix.substring(0, Math.min(prefix.length(), MAX_GENERATE_NAME_PREFIX)));
    for (int i = 0; i < 5; i++) {
      name.append(NAME_CHARACTERS.charAt(ThreadLocalRandom.current().nextInt(NAME_CHARACTERS.length())));
    }
    ((ObjectNode) metadata).put("name", name.toString());
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
        request.getHeaders().newBuilder().set("Content-Length", Integer.toString(bytes.length)).build(),
        new Buffer(bytes));
  }

  /** The body's text without consuming it. */
  private static String text(Buffer buffer) {
    return buffer == null ? "" : new String(buffer.getBytes(), StandardCharsets.UTF_8);
  }

  /** A JSON object, or a missing node where the body is empty or not a JSON object (the store then decides). */
  private static JsonNode parse(String text) {
    try {
      JsonNode node = text.isBlank() ? null : Serialization.jsonMapper().readTree(text);
      return node != null && node.isObject() ? node : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    } catch (Exception e) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
  }
}
