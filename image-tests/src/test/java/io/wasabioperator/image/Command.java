package io.wasabioperator.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command line run to its end, its output (stdout and stderr together) kept in a file for the failure message. */
final class Command {
  private final List<String> words = new ArrayList<>();
  private final Map<String, String> environment = new HashMap<>();
  private Path directory = Path.of(System.getProperty("repositoryRoot", ".."));

  private Command(List<String> words) {
    this.words.addAll(words);
  }

  static Command of(String... words) {
    return new Command(List.of(words));
  }

  static Command of(List<String> words) {
    return new Command(words);
  }

  Command env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  Command env(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  Command in(Path dir) {
    this.directory = dir;
    return this;
  }

  /** Starts it in the background, its output to {@code log}. */
  Process start(Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(words).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Runs it and returns its output; fails, with the output, when it fails or outlasts {@code seconds}. */
  String run(int seconds) throws IOException, InterruptedException {
    Path log = Files.createTempFile("command", ".log");
    try {
      Process process = start(log);
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", words) + " took longer than " + seconds + " s:\n" + tail(log));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", words) + " exited with " + process.exitValue() + ":\n" + tail(log));
      }
      return output;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Whether a command of this name is on PATH. */
  static boolean onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
