package io.wasabioperator.integration;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Rules for folder prefixes and object keys, shared by every field that names a place in a bucket. */
public final class ObjectPaths {
  public static final int MAX_PREFIX_BYTES = 512;
  public static final int MAX_KEY_BYTES = 1024;

  private ObjectPaths() {}

  /**
   * Normalises a folder prefix to no leading '/' and exactly one trailing '/' (empty stays empty), or
   * explains what is wrong with it.
   */
  public static PathCheck normalisePrefix(String raw) {
    String value = raw.startsWith("/") ? raw.substring(1) : raw;
    if (value.isEmpty()) {
      return PathCheck.ok("");
    }
    Optional<String> problem = unsafeCharacters(value);
    if (problem.isPresent()) {
      return PathCheck.problem(problem.get());
    }
    // Wildcards and policy variables would widen the rendered bucket policy beyond the folder named.
    if (value.contains("*") || value.contains("?") || value.contains("${")) {
      return PathCheck.problem("contains '*', '?' or '${', which act as wildcards in a bucket policy");
    }
    String folder = value.endsWith("/") ? value : value + "/";
    String[] segments = folder.substring(0, folder.length() - 1).split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        return PathCheck.problem("has an empty segment ('//'); write each folder name once, for example a/b/");
      }
      if (segment.equals("..") || segment.equals(".")) {
        return PathCheck.problem("has a '" + segment + "' segment; name the folder directly");
      }
    }
    if (folder.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
      return PathCheck.problem("is longer than " + MAX_PREFIX_BYTES + " bytes");
    }
    return PathCheck.ok(folder);
  }

  /** Checks an object key: 1-1024 bytes of UTF-8, no leading '/', no control characters. */
  public static Optional<String> keyProblem(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("is empty");
    }
    if (key.startsWith("/")) {
      return Optional.of("starts with '/'; object keys are relative to the bucket root");
    }
    Optional<String> problem = unsafeCharacters(key);
    if (problem.isPresent()) {
      return problem;
    }
    // Browsers resolve these before sending, so the URL would name another object; and a key like
    // tenant/../other would slip out of the granted folder.
    for (String segment : key.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("has a '" + segment + "' segment; name the object directly");
      }
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      return Optional.of("is longer than " + MAX_KEY_BYTES + " bytes");
    }
    return Optional.empty();
  }

  private static Optional<String> unsafeCharacters(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        return Optional.of("contains a control character at position " + i);
      }
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          return Optional.of("contains an unpaired UTF-16 surrogate at position " + i + " (not valid UTF-8)");
        }
        i++;
      }
    }
    return Optional.empty();
  }

  /** A normalised value, or the reason it was refused. */
  public record PathCheck(String value, String problem) {
    static PathCheck ok(String value) {
      return new PathCheck(value, null);
    }

    static PathCheck problem(String problem) {
      return new PathCheck(null, problem);
    }

    public boolean isValid() {
      return problem == null;
    }
  }
}
