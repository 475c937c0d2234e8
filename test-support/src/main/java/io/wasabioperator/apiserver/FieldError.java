package io.wasabioperator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * One cause of a 422, worded as the API server words it (k8s.io/apimachinery's {@code field.Error}):
 * {@code status.conditions[0].reason: Invalid value: "a b": ... should match '...'}.
 *
 * @param field the field path ({@code spec.bucket}, {@code status.conditions[1]}; empty for the object)
 * @param type what is wrong, with the cause's reason and the words the message starts with
 * @param badValue the value as the server prints it: a JSON value, or {@code null} where the type omits it
 * @param detail what the server adds after the value; may be empty
 */
public record FieldError(String field, Type type, JsonNode badValue, String detail) {

  /** The error types the API server reports, with their {@code StatusCause} reasons. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value", false),
    INVALID("FieldValueInvalid", "Invalid value", true),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value", true),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value", true),
    DUPLICATE("FieldValueDuplicate", "Duplicate value", true),
    TOO_LONG("FieldValueTooLong", "Too long", false),
    TOO_MANY("FieldValueTooMany", "Too many", true),
    FORBIDDEN("FieldValueForbidden", "Forbidden", false);

    private final String reason;
    private final String words;
    private final boolean showsValue;

    Type(String reason, String words, boolean showsValue) {
      this.reason = reason;
      this.words = words;
      this.showsValue = showsValue;
    }

    public String reason() {
      return reason;
    }
  }

  /** The message of the cause: {@code Invalid value: "x": detail}, without the field. */
  public String body() {
    StringBuilder text = new StringBuilder(type.words);
    if (type.showsValue && badValue != null) {
      text.append(": ").append(goValue(badValue));
    }
    if (!detail.isEmpty()) {
      text.append(": ").append(detail);
    }
    return text.toString();
  }

  /** The line in the Status message: {@code field: body}. */
  @Override
  public String toString() {
    return field.isEmpty() ? body() : field + ": " + body();
  }

  /** Values as Go's {@code %#v}-like printing shows them in these messages: strings quoted, maps as Go maps. */
  static String goValue(JsonNode value) {
    if (value.isTextual()) {
      return quoted(value.textValue());
    }
    if (value.isObject()) {
      StringBuilder map = new StringBuilder("map[string]interface {}{");
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        map.append(quoted(entry.getKey())).append(':').append(goValue(entry.getValue()));
        if (fields.hasNext()) {
          map.append(", ");
        }
      }
      return map.append('}').toString();
    }
    return value.toString();
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
