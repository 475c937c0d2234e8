package io.wasabioperator.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command with kubectl's connection options. The Kubernetes client is made on first use only, so commands and
 * paths that need none (explain, a client-side dry run, help) start without it.
 */
public abstract class KubeCommand implements Callable<Integer> {
  @Spec
  protected CommandSpec spec;

  @Mixin
  KubeOptions kube;

  private KubernetesClient client;

  protected final KubectlWasabi root() {
    return (KubectlWasabi) spec.root().userObject();
  }

  protected final CliContext context() {
    return root().context();
  }

  protected final PrintWriter out() {
    return context().out();
  }

  protected final PrintWriter err() {
    return context().err();
  }

  protected final Clock clock() {
    return context().clock();
  }

  /** The options given after this command, completed by those given before it. */
  protected final KubeOptions options() {
    return kube.orElse(root().kube);
  }

  protected final KubernetesClient client() {
    if (client == null) {
      client = context().clients().create(options());
    }
    return client;
  }

  /** -n, else the kubeconfig context's namespace, else default. */
  protected final String namespace() {
    String given = options().namespace();
    if (given != null) {
      return given;
    }
    String fromConfig = client().getNamespace();
    return fromConfig == null || fromConfig.isEmpty() ? "default" : fromConfig;
  }

  /** The object in the namespace, or kubectl's NotFound error. */
  protected final <T extends HasMetadata> T get(Class<T> type, ResourceRef ref) {
    T found = client().resources(type).inNamespace(namespace()).withName(ref.name()).get();
    if (found == null) {
      throw CliException.notFound(ref.kind().plural(), ref.name());
    }
    return found;
  }
}
