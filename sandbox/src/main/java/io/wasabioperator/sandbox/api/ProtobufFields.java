package io.wasabioperator.sandbox.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Protobuf wire format, one field at a time: what the sandbox reads of the bodies kubectl sends as protobuf. */
final class ProtobufFields {
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private final ByteBuffer in;
  int field;
  int wireType;

  ProtobufFields(ByteBuffer in) {
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
    throw new SecretBodies.MalformedProtobuf("a malformed varint");
  }

  byte[] bytes() {
    long length = varint();
    // A length past what is left is a malformed body, never an allocation of it.
    if (length < 0 || length > in.remaining()) {
      throw new SecretBodies.MalformedProtobuf("a length points past the end of the body");
    }
    byte[] bytes = new byte[(int) length];
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
      default -> throw new SecretBodies.MalformedProtobuf("unsupported wire type " + wireType);
    }
  }

  /** Whether the body is Kubernetes protobuf: the envelope {@code k8s\0}. */
  static boolean isProtobuf(byte[] body) {
    return body.length > MAGIC.length && body[0] == MAGIC[0] && body[1] == MAGIC[1] && body[2] == MAGIC[2]
        && body[3] == MAGIC[3];
  }

  /** The object inside the envelope: the raw bytes of its runtime.Unknown (field 2). */
  static byte[] object(byte[] body) {
    ProtobufFields unknown = new ProtobufFields(ByteBuffer.wrap(body, MAGIC.length, body.length - MAGIC.length));
    while (unknown.next()) {
      if (unknown.field == 2) {
        return unknown.bytes();
      }
      unknown.skip();
    }
    throw new SecretBodies.MalformedProtobuf("no object in the envelope");
  }
}
