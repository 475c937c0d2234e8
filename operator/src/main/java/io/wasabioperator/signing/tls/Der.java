package io.wasabioperator.signing.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few DER encodings an X.509 certificate needs (ITU-T X.690): Java has no public API to write
 * certificates, and a library for it would add megabytes to the image for a few hundred bytes of output.
 * Every method returns one complete TLV.
 */
final class Der {
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private Der() {}

  static byte[] sequence(byte[]... elements) {
    return tlv(0x30, concat(elements));
  }

  static byte[] set(byte[]... elements) {
    return tlv(0x31, concat(elements));
  }

  static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray());
  }

  static byte[] bool(boolean value) {
    return tlv(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
  }

  static byte[] octetString(byte[] content) {
    return tlv(0x04, content);
  }

  /** A BIT STRING of whole bytes (no unused bits). */
  static byte[] bitString(byte[] content) {
    return tlv(0x03, concat(new byte[] {0}, content));
  }

  /** A BIT STRING of named bits, bit 0 first (key usage), with its trailing zero bits left out as DER asks. */
  static byte[] namedBits(int... bits) {
    int highest = 0;
    for (int bit : bits) {
      highest = Math.max(highest, bit);
    }
    byte[] bytes = new byte[highest / 8 + 1];
    for (int bit : bits) {
      bytes[bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }
    int unused = 7 - highest % 8;
    return tlv(0x03, concat(new byte[] {(byte) unused}, bytes));
  }

  static byte[] utf8String(String text) {
    return tlv(0x0c, text.getBytes(StandardCharsets.UTF_8));
  }

  /** UTCTime until 2049, GeneralizedTime from 2050, as RFC 5280 asks. */
  static byte[] time(Instant instant) {
    int year = instant.atZone(ZoneOffset.UTC).getYear();
    return year < 2050 ? tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII))
        : tlv(0x18, GENERALIZED_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long value = Long.parseLong(parts[i]);
      byte[] base128 = new byte[10];
      int n = 0;
      do {
        base128[n++] = (byte) (value & 0x7f);
        value >>>= 7;
      } while (value != 0);
      for (int j = n - 1; j >= 0; j--) {
        out.write(base128[j] | (j > 0 ? 0x80 : 0));
      }
    }
    return tlv(0x06, out.toByteArray());
  }

  /** [n] EXPLICIT: the element wrapped whole. */
  static byte[] explicit(int tag, byte[] element) {
    return tlv(0xa0 | tag, element);
  }

  /** [n] IMPLICIT of a primitive: the content under the context tag. */
  static byte[] implicitPrimitive(int tag, byte[] content) {
    return tlv(0x80 | tag, content);
  }

  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      byte[] lengthBytes = BigInteger.valueOf(length).toByteArray();
      int skip = lengthBytes[0] == 0 ? 1 : 0;
      out.write(0x80 | (lengthBytes.length - skip));
      out.write(lengthBytes, skip, lengthBytes.length - skip);
    }
    out.write(content, 0, content.length);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part, 0, part.length);
    }
    return out.toByteArray();
  }
}
