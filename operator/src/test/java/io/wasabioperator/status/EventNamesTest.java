package io.wasabioperator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventNamesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123456Z");
  private static final String DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

  @Test
  void namesTheObjectAndTheMicrosecond() {
    long micros = NOW.getEpochSecond() * 1_000_000 + 123_456;
    assertThat(EventNames.of("slide-1", NOW)).isEqualTo("slide-1." + Long.toHexString(micros));
  }

  @Test
  void aLongestObjectNameIsShortenedToAValidName() {
    // The suffix takes 14 characters, so a cut at 239 would end on the '-' or the '.'.
    for (String name : new String[] {"c".repeat(238) + "-" + "d".repeat(14), "e".repeat(238) + "." + "f".repeat(14),
        "g".repeat(253)}) {
      assertThat(name).hasSize(253);
      String event = EventNames.of(name, NOW);
      assertThat(event).hasSizeLessThanOrEqualTo(253).matches(DNS_SUBDOMAIN);
    }
  }

  @Test
  void notesAreCutToOneKibibyteOfUtf8AtACharacterBoundary() {
    assertThat(EventNames.note("short")).isEqualTo("short");
    String ascii = "x".repeat(1024);
    assertThat(EventNames.note(ascii)).isEqualTo(ascii);

    // Three bytes each, and a four-byte character (a surrogate pair) that must not be split.
    String wide = "ü€".repeat(300) + "\uD83D\uDE00".repeat(100);
    String cut = EventNames.note(wide);
    assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
    assertThat(cut).endsWith("...");
    assertThat(wide).startsWith(cut.substring(0, cut.length() - 3));
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 4))).isFalse();
  }
}
