package io.wasabioperator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.wasabioperator.apiserver.FieldError.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the API server checks of every object whatever its kind (names, label and annotation syntax and
 * sizes) and of Secrets (key syntax, 1 MiB of data, an immutable type), worded as the server words it.
 */
final class BuiltInRules {
  static final int MAX_SECRET_BYTES = 1024 * 1024;
  static final int MAX_ANNOTATION_BYTES = 256 * 1024;

  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
  private static final String QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE = "(" + QUALIFIED_NAME + ")?";
  private static final String CONFIG_KEY = "[-._a-zA-Z0-9]+";

  private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case "
      + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
      + "'example.com', regex used for validation is '" + DNS1123_SUBDOMAIN + "')";
  private static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
      + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
      + "'123-abc', regex used for validation is '" + DNS1123_LABEL + "')";
  private static final String QUALIFIED_NAME_MESSAGE = "name part must consist of alphanumeric characters, '-', '_' "
      + "or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
      + "'123-abc', regex used for validation is '" + QUALIFIED_NAME + "')";
  private static final String LABEL_VALUE_MESSAGE = "a valid label must be an empty string or consist of "
      + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
      + "'MyValue',  or 'my_value',  or '12345', regex used for validation is '" + LABEL_VALUE + "')";
  private static final String CONFIG_KEY_MESSAGE = "a valid config key must consist of alphanumeric characters, "
      + "'-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '"
      + CONFIG_KEY + "')";

  private BuiltInRules() {}

  /** The checks of ObjectMeta: the name (a DNS label for Namespaces, a subdomain otherwise), labels, annotations. */
  static List<FieldError> objectMeta(JsonNode object) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    if (object.path("kind").asText().equals("Namespace") && object.path("apiVersion").asText().equals("v1")) {
      dnsLabel("metadata.name", name, errors);
    } else if (object.path("apiVersion").asText().startsWith("rbac.authorization.k8s.io/")) {
      // RBAC objects take path-segment names (system:aggregate-to-view, say).
      if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
        errors.add(new FieldError("metadata.name", Type.INVALID, TextNode.valueOf(name),
            "may not be '.' or '..', and may not contain '/' or '%'"));
      }
    } else {
      dnsSubdomain("metadata.name", name, errors);
    }
    for (Map.Entry<String, JsonNode> label : metadata.path("labels").properties()) {
      qualifiedName("metadata.labels", label.getKey(), errors);
      labelValue(label.getValue().asText(""), errors);
    }
    long annotationBytes = 0;
    for (Map.Entry<String, JsonNode> annotation : metadata.path("annotations").properties()) {
      qualifiedName("metadata.annotations", annotation.getKey().toLowerCase(), errors);
      annotationBytes += utf8(annotation.getKey()) + utf8(annotation.getValue().asText(""));
    }
    if (annotationBytes > MAX_ANNOTATION_BYTES) {
      errors.add(new FieldError("metadata.annotations", Type.TOO_LONG, null,
          "may not be more than " + MAX_ANNOTATION_BYTES + " bytes"));
    }
    return errors;
  }

  /** A Secret's keys, its size (the decoded values, as the server counts) and, on update, its type. */
  static List<FieldError> secret(JsonNode secret, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    long size = 0;
    for (Map.Entry<String, JsonNode> entry : secret.path("data").properties()) {
      String key = entry.getKey();
      if (!key.matches(CONFIG_KEY) || key.length() > 253 || key.equals(".") || key.equals("..")
          || key.startsWith("..")) {
        errors.add(new FieldError("data[" + key + "]", Type.INVALID, TextNode.valueOf(key), CONFIG_KEY_MESSAGE));
      }
      size += decodedLength(entry.getValue().asText(""));
    }
    // The server folds stringData into data before it counts (a key in both counts once, stringData's).
    for (Map.Entry<String, JsonNode> entry : secret.path("stringData").properties()) {
      size += entry.getValue().asText("").getBytes(StandardCharsets.UTF_8).length
          - (secret.path("data").has(entry.getKey()) ? decodedLength(secret.path("data").path(entry.getKey()).asText("")) : 0);
    }
    if (size > MAX_SECRET_BYTES) {
      errors.add(new FieldError("data", Type.TOO_LONG, null, "may not be more than " + MAX_SECRET_BYTES + " bytes"));
    }
    if (old != null && !old.path("type").asText("Opaque").equals(secret.path("type").asText("Opaque"))) {
      errors.add(new FieldError("type", Type.INVALID, secret.path("type"), "field is immutable"));
    }
    return errors;
  }

  private static void dnsSubdomain(String field, String name, List<FieldError> errors) {
    if (name.length() > 253) {
      errors.add(new FieldError(field, Type.INVALID, TextNode.valueOf(name), "must be no more than 253 characters"));
    }
    if (!name.matches(DNS1123_SUBDOMAIN)) {
      errors.add(new FieldError(field, Type.INVALID, TextNode.valueOf(name), SUBDOMAIN_MESSAGE));
    }
  }

  private static void dnsLabel(String field, String name, List<FieldError> errors) {
    if (name.length() > 63) {
      errors.add(new FieldError(field, Type.INVALID, TextNode.valueOf(name), "must be no more than 63 characters"));
    }
    if (!name.matches(DNS1123_LABEL)) {
      errors.add(new FieldError(field, Type.INVALID, TextNode.valueOf(name), LABEL_MESSAGE));
    }
  }

  /** A label or annotation key: an optional DNS-subdomain prefix and a name of at most 63 characters. */
  private static void qualifiedName(String field, String key, List<FieldError> errors) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !prefix.matches(DNS1123_SUBDOMAIN)) {
        errors.add(new FieldError(field, Type.INVALID, TextNode.valueOf(key), "prefix part " + SUBDOMAIN_MESSAGE));
      }
    }
    if (name.isEmpty()) {
      errors.add(new FieldError(field, Type.INVALID, TextNode.valueOf(key), "name part must be non-empty"));
    } else if (name.length() > 63) {
      errors.add(new FieldError(field, Type.INVALID, TextNode.valueOf(key), "name part must be no more than 63 characters"));
    } else if (!name.matches(QUALIFIED_NAME)) {
      errors.add(new FieldError(field, Type.INVALID, TextNode.valueOf(key), QUALIFIED_NAME_MESSAGE));
    }
  }

  private static void labelValue(String value, List<FieldError> errors) {
    if (value.length() > 63) {
      errors.add(new FieldError("metadata.labels", Type.INVALID, TextNode.valueOf(value),
          "must be no more than 63 characters"));
    }
    if (!value.matches(LABEL_VALUE)) {
      errors.add(new FieldError("metadata.labels", Type.INVALID, TextNode.valueOf(value), LABEL_VALUE_MESSAGE));
    }
  }

  private static long decodedLength(String base64) {
    try {
      return Base64.getDecoder().decode(base64).length;
    } catch (IllegalArgumentException e) {
      // Not base64: the server would not have decoded the body at all; count the text.
      return base64.length();
    }
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
