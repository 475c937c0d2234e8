package io.wasabioperator.grants;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Names with '*' wildcards, as grants and the endpoint allowlist write them. */
public final class Globs {
  private Globs() {}

  /** Whether {@code value} matches {@code glob}, in which '*' stands for any run of characters. */
  public static boolean matches(String glob, String value) {
    String regex = Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
    return value.matches(regex);
  }

  /** Host names compare without case. */
  public static boolean matchesHost(String glob, String host) {
    return matches(glob.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT));
  }
}
