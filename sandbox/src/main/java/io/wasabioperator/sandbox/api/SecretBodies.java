package io.wasabioperator.sandbox.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Secrets as kubectl sends them, made into what the API server would store: {@code kubectl create secret}
 * sends Kubernetes protobuf (the envelope {@code k8s\0} around a runtime.Unknown around a v1.Secret),
 * read here for the fields a Secret from kubectl has; and {@code stringData} is written into {@code data},
 * as the API server does.
 */
final class SecretBodies {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** A protobuf body that is not a Secret as kubectl writes one; the message never quotes the body. */
  static final class MalformedProtobuf extends IllegalArgumentException {
    MalformedProtobuf(String message) {
      super(message);
    }
  }

  private SecretBodies() {}

  static boolean isProtobuf(byte[] body) {
    return ProtobufFields.isProtobuf(body);
  }

  /** The Secret in a protobuf body, as JSON; {@link MalformedProtobuf} when the body cannot be read. */
  static ObjectNode fromProtobuf(byte[] body) {
    try {
      return secret(body);
    } catch (MalformedProtobuf e) {
      throw e;
    } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException
        | NegativeArraySizeException e) {
      throw new MalformedProtobuf("it ends inside a field or a length points past its end");
    }
  }

  private static ObjectNode secret(byte[] body) {
    byte[] raw = ProtobufFields.object(body);
    ObjectNode secret = JSON.objectNode().put("apiVersion", "v1").put("kind", "Secret");
    ObjectNode metadata = secret.putObject("metadata");
    ProtobufFields fields = new ProtobufFields(ByteBuffer.wrap(raw));
    while (fields.next()) {
      switch (fields.field) {
        case 1 -> metadata(new ProtobufFields(ByteBuffer.wrap(fields.bytes())), metadata);
        case 2 -> entry(new ProtobufFields(ByteBuffer.wrap(fields.bytes())), secret.with("data"), true);
        case 3 -> secret.put("type", fields.string());
        case 4 -> entry(new ProtobufFields(ByteBuffer.wrap(fields.bytes())), secret.with("stringData"), false);
        case 5 -> secret.put("immutable", fields.varint() != 0);
        default -> fields.skip();
      }
    }
    return secret;
  }

  /** {@code stringData} merged into {@code data} (base64) and type Opaque by default, as the API server stores a Secret. */
  static ObjectNode asStored(ObjectNode secret) {
    if (secret.path("type").asText().isEmpty()) {
      secret.put("type", "Opaque");
    }
    if (secret.has("stringData") && secret.get("stringData").isObject()) {
      ObjectNode data = secret.with("data");
      for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = secret.get("stringData").fields();
          it.hasNext(); ) {
        Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> entry = it.next();
        data.put(entry.getKey(), Base64.getEncoder().encodeToString(entry.getValue().asText()
            .getBytes(StandardCharsets.UTF_8)));
      }
      secret.remove("stringData");
    }
    return secret;
  }

  private static void metadata(ProtobufFields fields, ObjectNode metadata) {
    while (fields.next()) {
      switch (fields.field) {
        case 1 -> metadata.put("name", fields.string());
        case 2 -> metadata.put("generateName", fields.string());
        case 3 -> metadata.put("namespace", fields.string());
        case 11 -> entry(new ProtobufFields(ByteBuffer.wrap(fields.bytes())), metadata.with("labels"), false);
        case 12 -> entry(new ProtobufFields(ByteBuffer.wrap(fields.bytes())), metadata.with("annotations"), false);
        default -> fields.skip();
      }
    }
    if (metadata.path("name").asText().isEmpty()) {
      metadata.remove("name");
    }
    if (metadata.path("namespace").asText().isEmpty()) {
      metadata.remove("namespace");
    }
    if (metadata.path("generateName").asText().isEmpty()) {
      metadata.remove("generateName");
    }
  }

  /** A map entry (key 1, value 2); bytes values go into JSON as base64, as in a Secret's data. */
  private static void entry(ProtobufFields fields, ObjectNode into, boolean base64) {
    String key = "";
    String value = "";
    while (fields.next()) {
      if (fields.field == 1) {
        key = fields.string();
      } else if (fields.field == 2) {
        byte[] bytes = fields.bytes();
        value = base64 ? Base64.getEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.UTF_8);
      } else {
        fields.skip();
      }
    }
    into.put(key, value);
  }
}
