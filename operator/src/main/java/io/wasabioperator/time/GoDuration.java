package io.wasabioperator.time;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way Go and Kubernetes write them: a sequence of decimal numbers, each with an
 * optional fraction and a unit, such as {@code 90s}, {@code 1.5h} or {@code 1h30m}. Units: ns, us
 * (or µs), ms, s, m, h. Negative durations are refused: nothing here can last less than nothing.
 */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");
  private static final Map<String, BigDecimal> NANOS_PER_UNIT = Map.of(
      "ns", BigDecimal.ONE,
      "us", BigDecimal.valueOf(1_000),
      "\u00b5s", BigDecimal.valueOf(1_000),
      "\u03bcs", BigDecimal.valueOf(1_000),
      "ms", BigDecimal.valueOf(1_000_000),
      "s", BigDecimal.valueOf(1_000_000_000L),
      "m", BigDecimal.valueOf(60_000_000_000L),
      "h", BigDecimal.valueOf(3_600_000_000_000L));
  // Far beyond anything this operator accepts, small enough that no arithmetic overflows.
  private static final BigDecimal LIMIT = BigDecimal.valueOf(Duration.ofDays(3650).toNanos());

  private GoDuration() {}

  /** The duration, or empty when the text is not a valid non-negative duration below ten years. */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return Optional.empty();
    }
    if (text.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    int position = 0;
    while (position < text.length()) {
      part.region(position, text.length());
      if (!part.lookingAt() || !part.group(1).matches(".*[0-9].*")) {
        return Optional.empty();
      }
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(NANOS_PER_UNIT.get(part.group(2))));
      if (nanos.compareTo(LIMIT) > 0) {
        return Optional.empty();
      }
      position = part.end();
    }
    return Optional.of(Duration.ofNanos(nanos.longValue()));
  }

  /** The shortest Go form of a duration of whole milliseconds, for messages: 4h, 1h30m, 45s, 500ms. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    if (millis > 0) {
      out.append(millis).append("ms");
    }
    return out.toString();
  }
}
