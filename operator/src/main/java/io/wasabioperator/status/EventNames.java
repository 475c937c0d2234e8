package io.wasabioperator.status;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** What the API server accepts of an Event: a name of at most 253 characters, a note of at most 1 KiB of UTF-8. */
final class EventNames {
  static final int MAX_NAME = 253;
  static final int MAX_NOTE_BYTES = 1024;
  private static final String ELLIPSIS = "...";

  private EventNames() {}

  /**
   * {@code <object>.<microseconds in hex>}, as kubectl's recorder names them; the object's name is
   * shortened so the whole stays a valid DNS subdomain (no label may end in '-' or '.').
   */
  static String of(String objectName, Instant now) {
    String suffix = "." + Long.toHexString(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
    String prefix = objectName.length() > MAX_NAME - suffix.length()
        ? objectName.substring(0, MAX_NAME - suffix.length()) : objectName;
    int end = prefix.length();
    while (end > 0 && (prefix.charAt(end - 1) == '-' || prefix.charAt(end - 1) == '.')) {
      end--;
    }
    return prefix.substring(0, end) + suffix;
  }

  /** The note, cut at a character boundary so that it fits in 1 KiB of UTF-8 with "..." at the end. */
  static String note(String note) {
    if (note.getBytes(StandardCharsets.UTF_8).length <= MAX_NOTE_BYTES) {
      return note;
    }
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer room = ByteBuffer.allocate(MAX_NOTE_BYTES - ELLIPSIS.length());
    CharBuffer chars = CharBuffer.wrap(note);
    encoder.encode(chars, room, true);
    // The encoder stops before a character that does not fit whole, surrogate pairs included.
    return note.substring(0, chars.position()) + ELLIPSIS;
  }
}
