package io.wasabioperator.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * kubectl's line for a kubeconfig that cannot be loaded: the file, and for broken YAML the line and the problem.
 * Never the parser's message, nor any cause: they quote the offending line, which may hold a token or a key.
 */
final class KubeconfigError {
  private KubeconfigError() {}

  /** The error for the named file, from what loading it threw. */
  static CliException of(Path file, RuntimeException loading) {
    return CliException.error("error loading config file \"" + file + "\": " + problem(loading));
  }

  /** The error for the kubeconfig found as kubectl finds it ($KUBECONFIG, else ~/.kube/config). */
  static CliException ofDefault(RuntimeException loading) {
    List<Path> files = defaultFiles();
    Path named = files.size() == 1 ? files.get(0) : files.stream().filter(KubeconfigError::unreadable).findFirst()
        .orElse(null);
    return named == null ? CliException.error("error loading the kubeconfig: " + problem(loading))
        : of(named, loading);
  }

  private static String problem(RuntimeException loading) {
    for (Throwable cause = loading; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYamlEngineException yaml) {
        return "yaml: " + yaml.getProblemMark().map(mark -> "line " + (mark.getLine() + 1) + ": ").orElse("")
            + withoutQuotes(yaml.getProblem());
      }
    }
    return "not a kubeconfig (" + loading.getClass().getSimpleName() + ")";
  }

  /** The problem without what it quotes of the file (a character, an alias): only the parser's own words. */
  private static String withoutQuotes(String problem) {
    return problem == null ? "malformed" : problem.replaceAll("'[^']*'|\"[^\"]*\"", "(...)");
  }

  /** The files fabric8 reads, as kubectl: the list in -Dkubeconfig or $KUBECONFIG, else ~/.kube/config. */
  private static List<Path> defaultFiles() {
    String list = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE, System.getenv("KUBECONFIG"));
    if (list == null || list.isBlank()) {
      return List.of(Path.of(System.getProperty("user.home"), ".kube", "config"));
    }
    return Arrays.stream(list.split(File.pathSeparator)).filter(name -> !name.isBlank()).map(Path::of).toList();
  }

  private static boolean unreadable(Path file) {
    try {
      KubeConfigUtils.parseConfigFromString(Files.readString(file));
      return false;
    } catch (IOException | RuntimeException e) {
      return Files.exists(file);
    }
  }
}
