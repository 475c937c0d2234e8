package io.wasabioperator.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.signedurl.MediaTypes;
import io.wasabioperator.time.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body of a call to the signing API, read and checked before anything else is asked: 1 to
 * {@link #MAX_KEYS} object keys, the method ({@code GET}, the default, or {@code PUT}), the duration (a Go
 * duration, default {@link #DEFAULT_DURATION} or the cap if shorter, at least a minute, at most the operator's cap) and, for PUT,
 * the content type signed into the URL. Keys are checked one by one later, so that one bad key fails only
 * itself. Pure.
 *
 * @param keys the object keys, in the caller's order
 * @param contentType for PUT, the Content-Type the upload must send
 */
public record SigningCall(List<String> keys, HttpMethod method, Duration duration, Optional<String> contentType) {
  public static final int MAX_KEYS = 1000;
  /** 1,000 keys of 1,024 bytes with their JSON quoting must fit. */
  public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
  public static final Duration DEFAULT_DURATION = Duration.ofMinutes(15);
  public static final Duration MIN_DURATION = Duration.ofMinutes(1);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("keys", "method", "duration", "contentType");

  /** The call, or why it was refused. */
  public sealed interface Parsed {
    record Accepted(SigningCall call) implements Parsed {}

    record Refused(CallRefusal refusal) implements Parsed {}
  }

  /**
   * @param cap the longest duration the operator signs for (its setting, within the URL cap)
   */
  public static Parsed parse(byte[] body, Duration cap) {
    if (body.length > MAX_BODY_BYTES) {
      return refused(413, "BodyTooLarge", "the body is larger than " + MAX_BODY_BYTES + " bytes; send at most "
          + MAX_KEYS + " keys a call");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return malformed("the body is not JSON");
    } catch (java.io.IOException e) {
      return malformed("the body cannot be read");
    }
    if (root == null || !root.isObject()) {
      return malformed("the body must be a JSON object with keys, and optionally method, duration and contentType");
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        return malformed("unknown field '" + printable(field.getKey()) + "'; the fields are keys, method, duration "
            + "and contentType");
      }
    }
    JsonNode keys = root.path("keys");
    if (!keys.isArray() || keys.isEmpty()) {
      return malformed("keys must be a list of 1 to " + MAX_KEYS + " object keys");
    }
    if (keys.size() > MAX_KEYS) {
      return refused(413, "TooManyKeys", "keys has " + keys.size() + " entries; send at most " + MAX_KEYS
          + " a call");
    }
    List<String> keyList = new ArrayList<>(keys.size());
    for (JsonNode key : keys) {
      if (!key.isTextual()) {
        return malformed("every entry of keys must be a string");
      }
      keyList.add(key.textValue());
    }
    HttpMethod method;
    JsonNode methodNode = root.path("method");
    if (methodNode.isMissingNode() || methodNode.isNull()) {
      method = HttpMethod.GET;
    } else if (methodNode.isTextual() && (methodNode.textValue().equals("GET") || methodNode.textValue().equals("PUT"))) {
      method = HttpMethod.valueOf(methodNode.textValue());
    } else {
      return malformed("method must be GET or PUT");
    }
    // Within the cap whatever it is set to: a call that asks for nothing never gets DurationTooLong.
    Duration duration = DEFAULT_DURATION.compareTo(cap) < 0 ? DEFAULT_DURATION : cap;
    JsonNode durationNode = root.path("duration");
    if (!durationNode.isMissingNode() && !durationNode.isNull()) {
      Optional<Duration> parsed = durationNode.isTextual() ? GoDuration.parse(durationNode.textValue())
          : Optional.empty();
      if (parsed.isEmpty() || parsed.get().compareTo(MIN_DURATION) < 0) {
        return malformed("duration must be a duration of at least 1m, written like 15m or 1h");
      }
      duration = parsed.get();
    }
    if (duration.compareTo(cap) > 0) {
      return refused(422, "DurationTooLong", "duration " + GoDuration.format(duration) + " is longer than the "
          + GoDuration.format(cap) + " this operator signs on demand for; ask for " + GoDuration.format(cap)
          + " or less");
    }
    Optional<String> contentType = Optional.empty();
    JsonNode typeNode = root.path("contentType");
    if (!typeNode.isMissingNode() && !typeNode.isNull()) {
      if (method != HttpMethod.PUT) {
        return malformed("contentType applies to PUT only");
      }
      if (!typeNode.isTextual() || !MediaTypes.isValid(typeNode.textValue())) {
        return malformed("contentType must be a media type such as image/jpeg");
      }
      contentType = Optional.of(typeNode.textValue());
    }
    return new Parsed.Accepted(new SigningCall(List.copyOf(keyList), method, duration, contentType));
  }

  private static Parsed malformed(String message) {
    return refused(400, "MalformedBody", message);
  }

  private static Parsed refused(int status, String reason, String message) {
    return new Parsed.Refused(CallRefusal.of(status, reason, message));
  }

  /** A caller's text in a message: control characters shown as '?', at most 64 characters. */
  private static String printable(String text) {
    String shown = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
  }
}
