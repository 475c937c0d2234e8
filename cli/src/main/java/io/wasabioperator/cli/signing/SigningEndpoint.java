package io.wasabioperator.cli.signing;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.wasabioperator.cli.CliException;
import io.wasabioperator.config.LabelSelectorExpression;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a shard's signing API is, read from its operator Deployment's environment as the chart writes it: the
 * namespace, the Service and port, the CA's ConfigMap and the audience. Pure.
 *
 * @param serverName the name the serving certificate must carry: the Service's, in its namespace
 * @param ownCa whether the operator serves from its own CA, published in {@code caConfigMap}; false when it serves
 *     a mounted certificate (cert-manager's, or a TLS Secret), which the cluster's own trust distribution covers
 */
public record SigningEndpoint(String namespace, String service, int port, String caConfigMap, String audience,
    String serverName, boolean ownCa) {
  static final String SHARD_LABEL = "storage.wasabi-operator.io/shard";
  private static final String PREFIX = "WASABI_OPERATOR_";

  /**
   * The endpoint of the operator that handles the integration: the shard named, or the one whose label selector
   * matches the integration's labels (read only when there is more than one operator to choose from).
   */
  public static SigningEndpoint choose(List<Deployment> operators, Optional<String> shard,
      Supplier<Map<String, String>> integrationLabels) {
    if (operators.isEmpty()) {
      throw CliException.error("no operator Deployment (label app.kubernetes.io/name=wasabi-operator) found: "
          + "install the operator, or give the signing API's address with --signing-url");
    }
    List<Deployment> candidates = operators;
    if (shard.isPresent()) {
      candidates = operators.stream().filter(d -> shard.get().equals(labels(d).get(SHARD_LABEL))).toList();
      if (candidates.isEmpty()) {
        throw CliException.error("no operator Deployment of shard " + shard.get() + " (label " + SHARD_LABEL + "="
            + shard.get() + ")");
      }
    } else if (operators.size() > 1) {
      Map<String, String> labels = integrationLabels.get();
      candidates = operators.stream().filter(d -> env(d, "WATCH_LABEL_SELECTOR")
          .map(selector -> LabelSelectorExpression.parse(selector).matches(labels)).orElse(true)).toList();
      if (candidates.size() != 1) {
        throw CliException.error((candidates.isEmpty() ? "no operator shard's" : candidates.size()
            + " operator shards'") + " label selector matches the integration's labels " + labels
            + "; name the shard with --shard");
      }
    }
    return of(candidates.get(0));
  }

  /** The chart's default names, with the CA read from its copy in {@code namespace}. */
  public static SigningEndpoint copyIn(String namespace) {
    return new SigningEndpoint(namespace, "wasabi-operator-signing", 8443, "wasabi-operator-signing-ca",
        "wasabi-operator", "wasabi-operator-signing." + namespace + ".svc", true);
  }

  static SigningEndpoint of(Deployment operator) {
    String namespace = operator.getMetadata().getNamespace();
    String name = operator.getMetadata().getName();
    int port = env(operator, "SIGNING_PORT").map(Integer::parseInt).orElseThrow(() -> CliException.error(
        "the signing API of operator " + namespace + "/" + name + " is off (chart value signing.enabled=false)"));
    String service = env(operator, "SIGNING_SERVICE").orElse("wasabi-operator-signing");
    String audience = env(operator, "SIGNING_AUDIENCES").map(all -> all.split(",")[0].trim())
        .orElse("wasabi-operator");
    return new SigningEndpoint(namespace, service, port,
        env(operator, "SIGNING_CA_CONFIGMAP").orElse("wasabi-operator-signing-ca"), audience,
        service + "." + namespace + ".svc", env(operator, "SIGNING_TLS_DIR").isEmpty());
  }

  private static Map<String, String> labels(Deployment deployment) {
    return Objects.requireNonNullElse(deployment.getMetadata().getLabels(), Map.of());
  }

  /** A setting of the operator's container, as the chart writes it (a literal value). */
  private static Optional<String> env(Deployment deployment, String setting) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .flatMap(container -> Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of()).stream())
        .filter(variable -> (PREFIX + setting).equals(variable.getName()) && variable.getValue() != null)
        .map(EnvVar::getValue).filter(value -> !value.isBlank()).findFirst();
  }
}
