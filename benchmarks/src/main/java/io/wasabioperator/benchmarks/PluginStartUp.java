package io.wasabioperator.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The plugin's start-up, which is most of what a person waits for: {@code kubectl wasabi status sur/NAME} against
 * the sandbox (its own process, as README's first run starts it), run from a fresh copy of the built plugin. The
 * first run writes the class-data-sharing archive; later runs map it; a run without it shows what it saves. The
 * floor: kubectl itself reading the same request.
 */
final class PluginStartUp {
  static final String SECTION = "plugin";
  private static final String REQUEST = "sur/tissue-1";

  private PluginStartUp() {}

  static void run(Figures figures, int runs) throws Exception {
    Path root = Suite.targetDirectory().getParent().getParent();
    Path sandboxJar = root.resolve("sandbox/target/wasabi-sandbox.jar");
    Path built = root.resolve("cli/target");
    for (Path needed : List.of(sandboxJar, built.resolve("kubectl-wasabi"))) {
      if (!Files.exists(needed)) {
        throw new IllegalStateException(needed + " is missing: build with mvn -Pbench -pl benchmarks -am package");
      }
    }
    Path dir = Files.createTempDirectory("wasabi-operator-plugin");
    Path plugin = copyPlugin(built, dir.resolve("plugin"));
    Path kubeconfig = dir.resolve("kubeconfig");
    Process sandbox = new ProcessBuilder(OperatorProcess.javaCommand(), "-jar", sandboxJar.toString(),
        "--kubeconfig", kubeconfig.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("sandbox.log")
        .toFile()).start();
    try {
      Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString(), "HOME", dir.toString(),
          "PATH", plugin.getParent() + File.pathSeparator + System.getenv("PATH"));
      Wait.until("the sandbox's request to be Ready", Duration.ofMinutes(2), Duration.ofMillis(500),
          () -> Files.exists(kubeconfig) && run(dir, env, plugin.toString(), "status", REQUEST).contains("Ready=True"));
      Files.deleteIfExists(plugin.resolveSibling("kubectl-wasabi.jsa"));

      long first = time(dir, env, plugin.toString(), "status", REQUEST);
      boolean kubectl = Stream.of(System.getenv("PATH").split(File.pathSeparator))
          .anyMatch(entry -> Files.isExecutable(Path.of(entry, "kubectl")));
      double floor = kubectl ? median(runs, () -> time(dir, env, "kubectl", "get", REQUEST)) : Double.NaN;
      String floorName = "kubectl get " + REQUEST + " against the same API";
      double archived = median(runs, () -> time(dir, env, plugin.toString(), "status", REQUEST));
      Map<String, String> without = new HashMap<>(env);
      without.put("WASABI_CDS", "off");
      double plain = median(runs, () -> time(dir, without, plugin.toString(), "status", REQUEST));
      add(figures, "ms for kubectl-wasabi status, first run (writes the CDS archive)", first / 1e6, floor, floorName);
      add(figures, "ms for kubectl-wasabi status, median of " + runs, archived / 1e6, floor, floorName);
      add(figures, "the same without the CDS archive", plain / 1e6, floor, floorName);
      if (kubectl) {
        double throughKubectl = median(runs, () -> time(dir, env, "kubectl", "wasabi", "status", REQUEST));
        add(figures, "ms for kubectl wasabi status (kubectl finds the plugin)", throughKubectl / 1e6, floor,
            floorName);
      }
    } finally {
      sandbox.destroy();
      sandbox.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void add(Figures figures, String name, double ms, double floor, String floorName) {
    if (Double.isNaN(floor)) {
      figures.add(SECTION, name, ms, "ms");
    } else {
      figures.add(SECTION, name, ms, "ms", floor / 1e6, floorName);
    }
  }

  /** The script, the jar and its libraries, as Krew installs them: the archive is written beside them. */
  private static Path copyPlugin(Path built, Path to) throws IOException {
    Files.createDirectories(to.resolve("lib"));
    for (String file : List.of("kubectl-wasabi", "kubectl-wasabi.jar")) {
      Files.copy(built.resolve(file), to.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
    }
    try (Stream<Path> libs = Files.list(built.resolve("lib"))) {
      for (Path lib : libs.toList()) {
        Files.copy(lib, to.resolve("lib").resolve(lib.getFileName()));
      }
    }
    return to.resolve("kubectl-wasabi");
  }

  private static double median(int runs, Timed timed) throws Exception {
    long[] times = new long[runs];
    for (int i = 0; i < runs; i++) {
      times[i] = timed.nanos();
    }
    Arrays.sort(times);
    return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2.0;
  }

  /** Nanoseconds from start to exit of one command, which must succeed. */
  private static long time(Path dir, Map<String, String> env, String... command) throws Exception {
    long start = System.nanoTime();
    run(dir, env, command);
    return System.nanoTime() - start;
  }

  private static String run(Path dir, Map<String, String> env, String... command) throws Exception {
    Path out = dir.resolve("command.out");
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    builder.environment().putAll(env);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(out));
    }
    return Files.readString(out);
  }

  @FunctionalInterface
  private interface Timed {
    long nanos() throws Exception;
  }
}
