package io.wasabioperator.time;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way Go and Kubernetes write them: a sequence of decimal numbers with a unit,
 * such as {@code 90s}, {@code 10m}, {@code 4h} or {@code 1h30m}. Units: h, m, s, ms.
 */
public final class GoDuration {
  private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:h|ms|m|s))+");
  private static final Pattern PART = Pattern.compile("([0-9]+)(h|ms|m|s)");
  // Far beyond anything this operator accepts, small enough that no arithmetic overflows.
  private static final Duration LIMIT = Duration.ofDays(3650);

  private GoDuration() {}

  /** The duration, or empty when the text is not a valid non-negative duration below ten years. */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.length() > 64 || !WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      String digits = part.group(1);
      if (digits.length() > 12) {
        return Optional.empty();
      }
      long amount = Long.parseLong(digits);
      total = total.plus(switch (part.group(2)) {
        case "h" -> Duration.ofHours(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "s" -> Duration.ofSeconds(amount);
        default -> Duration.ofMillis(amount);
      });
      if (total.compareTo(LIMIT) > 0) {
        return Optional.empty();
      }
    }
    return Optional.of(total);
  }

  /** The shortest Go form of a duration, for messages: 4h, 1h30m, 45s, 500ms. */
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
