package io.wasabioperator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;

/**
 * A write the API server would refuse, as the Status it answers with. Thrown from inside the store (under its
 * lock, before anything is stored or any watch told) and turned into the response by {@link AdmittingStore}.
 */
final class Refusal extends RuntimeException {
  private final transient Status status;

  private Refusal(Status status) {
    super(status.getMessage(), null, false, false);
    this.status = status;
  }

  /** 422 Invalid: {@code Secret "name" is invalid: data: Too long: ...}, one cause per error. */
  static Refusal invalid(JsonNode object, List<FieldError> errors) {
    String apiVersion = object.path("apiVersion").asText("");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String kind = object.path("kind").asText("");
    String name = object.path("metadata").path("name").asText("");
    List<String> lines = errors.stream().map(FieldError::toString).toList();
    String causes = lines.size() == 1 ? lines.get(0) : "[" + String.join(", ", lines) + "]";
    return new Refusal(new StatusBuilder().withStatus("Failure").withCode(422).withReason("Invalid")
        .withMessage((group.isEmpty() ? kind : kind + "." + group) + " \"" + name + "\" is invalid: " + causes)
        .withNewDetails().withName(name).withGroup(group).withKind(kind)
        .withCauses(errors.stream().map(Refusal::cause).toList()).endDetails()
        .build());
  }

  /** 409 Conflict of a delete whose precondition does not hold, worded as the server words it. */
  static Refusal preconditionFailed(String resource, String name, String field, String expected, String actual) {
    return new Refusal(new StatusBuilder().withStatus("Failure").withCode(409).withReason("Conflict")
        .withMessage("Operation cannot be fulfilled on " + resource + " \"" + name + "\": Precondition failed: "
            + field + " in precondition: " + expected + ", " + field + " in object meta: " + actual)
        .withNewDetails().withName(name).withKind(resource).endDetails()
        .build());
  }

  Status status() {
    return status;
  }

  MockResponse response() {
    return new MockResponse().setResponseCode(status.getCode()).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(status));
  }

  private static StatusCause cause(FieldError error) {
    StatusCause cause = new StatusCause();
    cause.setReason(error.type().reason());
    cause.setMessage(error.body());
    cause.setField(error.field());
    return cause;
  }
}
