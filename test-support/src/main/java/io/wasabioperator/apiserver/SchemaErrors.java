package io.wasabioperator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.ValidationMessage;
import io.wasabioperator.apiserver.FieldError.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON-schema library's findings worded as the API server's OpenAPI validation (kube-openapi) words
 * them, for example {@code spec.bucket: Invalid value: "a b": spec.bucket in body should match '^...$'}.
 */
final class SchemaErrors {
  private SchemaErrors() {}

  /** The cause for one finding at {@code path}; the keyword's value is the message's schema node. */
  static FieldError of(String path, ValidationMessage message) {
    JsonNode value = message.getInstanceNode();
    JsonNode constraint = message.getSchemaNode();
    String inBody = path + " in body";
    return switch (message.getType()) {
      case "required" -> new FieldError(path, Type.REQUIRED, null, "");
      case "enum" -> new FieldError(path, Type.NOT_SUPPORTED, value, "supported values: " + supported(constraint));
      case "type" -> new FieldError(path, Type.TYPE_INVALID, TextNode.valueOf(typeName(value)),
          inBody + " must be of type " + constraint.asText() + ": " + FieldError.goValue(TextNode.valueOf(typeName(value))));
      case "pattern" -> new FieldError(path, Type.INVALID, value, inBody + " should match '" + constraint.asText() + "'");
      case "format" -> new FieldError(path, Type.INVALID, value,
          inBody + " must be of type " + constraint.asText() + ": " + FieldError.goValue(value));
      case "maxLength" -> new FieldError(path, Type.TOO_LONG, value,
          "may not be more than " + constraint.asInt() + " bytes");
      case "minLength" -> new FieldError(path, Type.INVALID, value,
          inBody + " should be at least " + constraint.asInt() + " chars long");
      case "maxItems" -> new FieldError(path, Type.TOO_MANY, IntNode.valueOf(value.size()),
          "must have at most " + constraint.asInt() + " items");
      case "minItems" -> new FieldError(path, Type.INVALID, IntNode.valueOf(value.size()),
          inBody + " should have at least " + constraint.asInt() + " items");
      case "maxProperties" -> new FieldError(path, Type.TOO_MANY, IntNode.valueOf(value.size()),
          "must have at most " + constraint.asInt() + " items");
      case "minProperties" -> new FieldError(path, Type.INVALID, IntNode.valueOf(value.size()),
          inBody + " should have at least " + constraint.asInt() + " properties");
      case "maximum" -> new FieldError(path, Type.INVALID, value,
          inBody + " should be less than or equal to " + number(constraint));
      case "minimum" -> new FieldError(path, Type.INVALID, value,
          inBody + " should be greater than or equal to " + number(constraint));
      case "additionalProperties" -> new FieldError(path, Type.INVALID, null, "field not declared in schema");
      default -> new FieldError(path, Type.INVALID, value, message.getMessage());
    };
  }

  /** The OpenAPI type name of a value, which the server prints where a rule or a type check fails. */
  static String typeName(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return value.isIntegralNumber() ? "integer" : "number";
  }

  /** A bound as Go prints it: 0, not 0.0. */
  private static String number(JsonNode bound) {
    return bound.canConvertToExactIntegral() ? Long.toString(bound.longValue()) : bound.asText();
  }

  private static String supported(JsonNode values) {
    List<String> quoted = new ArrayList<>();
    values.forEach(value -> quoted.add(FieldError.goValue(value)));
    return String.join(", ", quoted);
  }
}
