package io.wasabioperator.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.net.URL;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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

  /** The API server, once a client has been made. */
  final Optional<URL> server() {
    return Optional.ofNullable(client).map(KubernetesClient::getMasterUrl);
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

  /** One resource named in the arguments; errors show this command's name in their examples. */
  protected final ResourceRef ref(List<String> args) {
    return ResourceRef.parse(spec.qualifiedName(), args);
  }

  /** Every resource named in the arguments. */
  protected final List<ResourceRef> refs(List<String> args) {
    return ResourceRef.parseAll(spec.qualifiedName(), args);
  }

  /**
   * The API server's answer to a refused request, such as Forbidden, for a command that carries on without what it
   * asked for. Without an answer (a refused connection) nothing else would work either: the error is thrown on.
   */
  protected static String answer(KubernetesClientException e) {
    if (e.getCode() <= 0) {
      throw e;
    }
    return e.getStatus() != null && e.getStatus().getReason() != null ? e.getStatus().getReason()
        : "HTTP " + e.getCode();
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
