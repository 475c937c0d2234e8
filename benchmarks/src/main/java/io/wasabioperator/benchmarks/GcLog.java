package io.wasabioperator.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's GC log ({@code -Xlog:gc:file=...:uptime}), read for the most heap it used. Between
 * collections the heap only grows, so its peak is the largest heap-used figure before a collection.
 */
final class GcLog {
  /** "25M->4M(256M)" in every collector's pause line: heap used before, after, and committed. */
  private static final Pattern USED_BEFORE = Pattern.compile("(\\d+)([BKMG])->\\d+[BKMG]\\(");
  /** The collection that {@code jcmd <pid> GC.run} asks for. */
  private static final String WINDOW_END = "Pause Full (Diagnostic Command)";

  private GcLog() {}

  /** The JVM's option for a GC log at {@code file}. */
  static String option(Path file) {
    return "-Xlog:gc:file=" + file + ":uptime";
  }

  /**
   * The largest heap used, in bytes, from the start of the log to the first collection asked for by
   * {@code jcmd GC.run}, which closes the window: its own figure before collecting is the heap used at
   * that moment, so it counts too.
   */
  static long peakHeapUsed(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    long peak = 0;
    for (String line : lines) {
      Matcher used = USED_BEFORE.matcher(line);
      if (used.find()) {
        peak = Math.max(peak, bytes(used.group(1), used.group(2)));
      }
      if (line.contains(WINDOW_END)) {
        return peak;
      }
    }
    throw new IOException("no collection by jcmd GC.run in " + log + " to close the window");
  }

  private static long bytes(String amount, String unit) {
    int shift = switch (unit) {
      case "K" -> 10;
      case "M" -> 20;
      case "G" -> 30;
      default -> 0;
    };
    return Long.parseLong(amount) << shift;
  }
}
