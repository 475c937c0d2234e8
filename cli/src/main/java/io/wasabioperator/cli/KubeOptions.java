package io.wasabioperator.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * kubectl's connection options, accepted by every command (kubectl passes a plugin's arguments as they are, so
 * {@code kubectl wasabi status sur/x -n demo --kubeconfig f} puts them after the command).
 */
public class KubeOptions {
  static final String USER_AGENT = "kubectl-wasabi";

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context to use.")
  String context;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
      description = "The namespace (default: the context's namespace, else default).")
  String namespace;

  @Option(names = {"-v", "--v"}, paramLabel = "LEVEL", defaultValue = "0",
      description = "Log level: 1 or more also prints the stack trace of an error.")
  int verbosity;

  /** These options, with those given before the command name filling in what is not given after it. */
  KubeOptions orElse(KubeOptions outer) {
    KubeOptions merged = new KubeOptions();
    merged.kubeconfig = kubeconfig != null ? kubeconfig : outer.kubeconfig;
    merged.context = context != null ? context : outer.context;
    merged.namespace = namespace != null ? namespace : outer.namespace;
    merged.verbosity = Math.max(verbosity, outer.verbosity);
    return merged;
  }

  /** The namespace given with -n, if any. */
  public String namespace() {
    return namespace;
  }

  boolean debug() {
    return verbosity > 0;
  }

  /** A client for the kubeconfig these options name, as kubectl would connect. */
  static KubernetesClient connect(KubeOptions options) {
    Config config;
    if (options.kubeconfig != null) {
      String content;
      try {
        content = Files.readString(options.kubeconfig);
      } catch (NoSuchFileException e) {
        throw CliException.error("the kubeconfig " + options.kubeconfig + " does not exist");
      } catch (IOException e) {
        throw CliException.error("cannot read the kubeconfig " + options.kubeconfig + ": " + e.getMessage());
      }
      try {
        config = Config.fromKubeconfig(options.context, content, options.kubeconfig.toAbsolutePath().toString());
      } catch (RuntimeException e) {
        throw KubeconfigError.of(options.kubeconfig, e);
      }
    } else {
      try {
        config = Config.autoConfigure(options.context);
      } catch (RuntimeException e) {
        throw KubeconfigError.ofDefault(e);
      }
    }
    if (options.context != null
        && (config.getCurrentContext() == null || !options.context.equals(config.getCurrentContext().getName()))) {
      throw CliException.error("context \"" + options.context + "\" does not exist");
    }
    // A command line answers at once, as kubectl does, rather than retrying for seconds with backoff.
    config.setRequestRetryBackoffLimit(0);
    // Named in the API server's audit log (and the sandbox's console) as what made each change.
    config.setUserAgent(USER_AGENT);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
