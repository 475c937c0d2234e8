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
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** A protobuf body that is not a Secret as kubectl writes one; the message never quotes the body. */
  static final class MalformedProtobuf extends IllegalArgumentException {
    MalformedProtobuf(String message) {
      super(message);
    }
  }

  private SecretBodies() {}

  static boolean isProtobuf(byte[] body) {
    return body.length > MAGIC.length && body[0] == MAGIC[0] && body[1] == MAGIC[1] && body[2] == MAGIC[2]
        && body[3] == MAGIC[3];
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
    Fields unknown = new Fields(ByteBuffer.wrap(body, MAGIC.length, body.length - MAGIC.length));
    byte[] raw = null;
    while (unknown.next()) {
      if (unknown.field == 2) {
        raw = unknown.bytes();
      } else {
        unknown.skip();
      }
    }
    if (raw == null) {
      throw new MalformedProtobuf("no object in the envelope");
    }
    ObjectNode secret = JSON.objectNode().put("apiVersion", "v1").put("kind", "Secret");
    ObjectNode metadata = secret.putObject("metadata");
    Fields fields = new Fields(ByteBuffer.wrap(raw));
    while (fields.next()) {
      switch (fields.field) {
        case 1 -> metadata(new Fields(ByteBuffer.wrap(fields.bytes())), metadata);
        case 2 -> entry(new Fields(ByteBuffer.wrap(fields.bytes())), secret.with("data"), true);
        case 3 -> secret.put("type", fields.string());
        case 4 -> entry(new Fields(ByteBuffer.wrap(fields.bytes())), secret.with("stringData"), false);
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

  private static void metadata(Fields fields, ObjectNode metadata) {
    while (fields.next()) {
      switch (fields.field) {
        case 1 -> metadata.put("name", fields.string());
        case 2 -> metadata.put("generateName", fields.string());
        case 3 -> metadata.put("namespace", fields.string());
        case 11 -> entry(new Fields(ByteBuffer.wrap(fields.bytes())), metadata.with("labels"), false);
        case 12 -> entry(new Fields(ByteBuffer.wrap(fields.bytes())), metadata.with("annotations"), false);
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
  private static void entry(Fields fields, ObjectNode into, boolean base64) {
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

  /** Protobuf wire format, one field at a time. */
  private static final class Fields {
    private final ByteBuffer in;
    int field;
    int wireType;

    Fields(ByteBuffer in) {
      this.in = in;
    }

    boolean next() {
      if (!in.hasRemaining()) {
        return false;
      }
      long key = varint();
      field = (int) (key >>> 3);
      wireType = (int) (key & 7);
      return true;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = in.get();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new MalformedProtobuf("a malformed varint");
    }

    byte[] bytes() {
      byte[] bytes = new byte[(int) varint()];
      in.get(bytes);
      return bytes;
    }

    String string() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    void skip() {
      switch (wireType) {
        case 0 -> varint();
        case 1 -> in.position(in.position() + 8);
        case 2 -> bytes();
        case 5 -> in.position(in.position() + 4);
        default -> throw new MalformedProtobuf("unsupported wire type " + wireType);
      }
    }
  }
}
