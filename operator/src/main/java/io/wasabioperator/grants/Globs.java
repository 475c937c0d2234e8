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
    return value.matches(regex(glob, ".*"));
  }

  /**
   * Host names compare without case, with '*' standing for part of one DNS label only, so that
   * {@code s3.example.*} does not reach {@code s3.example.attacker.io}; a trailing dot is the same name.
   * IPv6 addresses, with or without brackets, compare as addresses.
   */
  public static boolean matchesHost(String glob, String host) {
    String pattern = bare(glob);
    String name = bare(host);
    if (pattern.contains(":") || name.contains(":")) {
      return pattern.contains(":") && name.contains(":") && Ipv6Literals.same(pattern, name);
    }
    return name.matches(regex(pattern, "[^.]*"));
  }

  private static String bare(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    String unbracketed = lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    return unbracketed.endsWith(".") ? unbracketed.substring(0, unbracketed.length() - 1) : unbracketed;
  }

  private static String regex(String glob, String wildcard) {
    return Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(wildcard));
  }
}
