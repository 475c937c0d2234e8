package io.wasabioperator.cli.commands;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wasabioperator.api.ApiGroup;
import io.wasabioperator.api.WasabiPlatformGrant;
import io.wasabioperator.cli.KubeCommand;
import io.wasabioperator.cli.output.Ages;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.ProcessConfig;
import io.wasabioperator.config.TenancyConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Whether the installation works: CRDs, the operator's Deployment, its Lease, the platform identity's grants. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Check the installation.", "", "Check the installation: the CRDs are installed and serve " + ApiGroup.VERSION + "; the operator's "
        + "Deployment (label " + CheckCommand.OPERATOR_LABEL + ", in -n or every namespace) has ready replicas; its "
        + "leader-election Lease (named in the Deployment's environment, or --lease) is held and renewed recently; "
        + "grants exist when the platform identity is configured.",
        "One line per check, with what to do about a failure; exits 1 when a check fails.",
        "", "Examples:", "  kubectl wasabi check", "  kubectl wasabi check -n wasabi-operator --lease wasabi-operator/my-lease"})
public final class CheckCommand extends KubeCommand {
  static final String OPERATOR_LABEL = "app.kubernetes.io/name=wasabi-operator";
  static final List<String> CRDS = List.of("wasabistorageintegrations", "signedurlrequests", "wasabiplatformgrants");
  /** java-operator-sdk's default when the Lease does not say. */
  private static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
  private static final Duration RENEWAL_SLACK = Duration.ofSeconds(5);

  @Option(names = "--lease", paramLabel = "NAMESPACE/NAME", converter = LeaseName.Converter.class,
      description = "The operator's Lease, when the Deployment's environment does not name it.")
  LeaseName lease;

  /** A Lease named on the command line, checked and split once, when the arguments are parsed. */
  record LeaseName(String namespace, String name) {
    private static final Pattern FORM = Pattern.compile("([^/]+)/([^/]+)");

    static final class Converter implements ITypeConverter<LeaseName> {
      @Override
      public LeaseName convert(String value) {
        Matcher matcher = FORM.matcher(value);
        if (!matcher.matches()) {
          throw new TypeConversionException("'" + value + "' is not NAMESPACE/NAME, such as "
              + "wasabi-operator/" + ProcessConfig.DEFAULT_LEASE_NAME);
        }
        return new LeaseName(matcher.group(1), matcher.group(2));
      }
    }
  }

  private record Result(String state, String line, String remedy) {
    static Result ok(String line) {
      return new Result("OK", line, null);
    }

    static Result fail(String line, String remedy) {
      return new Result("FAIL", line, remedy);
    }

    static Result skip(String line) {
      return new Result("SKIP", line, null);
    }
  }

  @Override
  public Integer call() {
    List<Result> results = new ArrayList<>();
    for (String plural : CRDS) {
      String name = plural + "." + ApiGroup.GROUP;
      results.add(answered(() -> crd(name), "get CustomResourceDefinition " + name,
          "ask for get on customresourcedefinitions (cluster-wide), or run the check as a cluster administrator"));
    }
    Optional<List<Deployment>> deployments;
    try {
      deployments = Optional.of(deployments());
      results.add(deploymentResult(deployments.get()));
    } catch (KubernetesClientException e) {
      deployments = Optional.empty();
      String where = options().namespace() == null ? "all namespaces" : "namespace " + options().namespace();
      results.add(refused(e, "list Deployments in " + where, options().namespace() == null
          ? "name the operator's namespace with -n, or ask for list on deployments"
          : "ask for list on deployments in " + options().namespace()));
    }
    results.addAll(leases(deployments.orElse(List.of())));
    results.add(deployments.map(found -> answered(() -> grants(found), "list WasabiPlatformGrants",
            "ask for list on wasabiplatformgrants (cluster-wide)"))
        .orElse(Result.skip("the platform identity's grants: unknown without the operator's Deployment")));
    boolean failed = false;
    for (Result result : results) {
      out().printf("%-5s %s%n", result.state(), result.line());
      if (result.remedy() != null) {
        out().println("      what to do: " + result.remedy());
      }
      failed |= result.state().equals("FAIL");
    }
    return failed ? 1 : 0;
  }

  /** The check's result, or a failure naming the API's answer when the API refused it (403, 404 of a path, ...). */
  private static Result answered(Supplier<Result> check, String action, String remedy) {
    try {
      return check.get();
    } catch (KubernetesClientException e) {
      return refused(e, action, remedy);
    }
  }

  /** {@code cannot list Deployments in all namespaces: Forbidden}; without an answer the whole check ends. */
  private static Result refused(KubernetesClientException e, String action, String remedy) {
    return Result.fail("cannot " + action + ": " + answer(e), remedy);
  }

  private Result crd(String name) {
    CustomResourceDefinition crd = client().apiextensions().v1().customResourceDefinitions().withName(name).get();
    String install = "install the CRDs: helm upgrade --install (the chart has them) or kubectl apply -f crds/";
    if (crd == null) {
      return Result.fail("CRD " + name + " is not installed", install);
    }
    boolean current = crd.getSpec().getVersions().stream().anyMatch(v -> ApiGroup.VERSION.equals(v.getName())
        && Boolean.TRUE.equals(v.getServed()) && Boolean.TRUE.equals(v.getStorage()));
    return current ? Result.ok("CRD " + name + " serves and stores " + ApiGroup.VERSION)
        : Result.fail("CRD " + name + " does not serve and store " + ApiGroup.VERSION + ", the version this plugin "
            + "uses", "upgrade the CRDs to this release's, or use the plugin of the installed release");
  }

  private List<Deployment> deployments() {
    String namespace = options().namespace();
    String[] label = OPERATOR_LABEL.split("=");
    var all = client().apps().deployments();
    return (namespace == null ? all.inAnyNamespace().withLabel(label[0], label[1]).list()
        : all.inNamespace(namespace).withLabel(label[0], label[1]).list()).getItems();
  }

  private Result deploymentResult(List<Deployment> deployments) {
    String where = options().namespace() == null ? "any namespace" : "namespace " + options().namespace();
    if (deployments.isEmpty()) {
      return Result.fail("no operator Deployment (label " + OPERATOR_LABEL + ") in " + where,
          "install the operator (helm install wasabi-operator helm/wasabi-operator), or name its namespace with -n");
    }
    List<String> notReady = new ArrayList<>();
    List<String> ready = new ArrayList<>();
    for (Deployment deployment : deployments) {
      int want = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
      int have = deployment.getStatus() == null || deployment.getStatus().getReadyReplicas() == null ? 0
          : deployment.getStatus().getReadyReplicas();
      (have > 0 ? ready : notReady).add(name(deployment) + " " + have + "/" + want + " ready");
    }
    if (!notReady.isEmpty()) {
      return Result.fail("operator Deployment without a ready replica: " + String.join(", ", notReady),
          "kubectl describe deployment and kubectl logs its pods: a replica is ready once it has started "
              + "(see README, Health, leader election, shutdown)");
    }
    return Result.ok("operator Deployment " + String.join(", ", ready));
  }

  private List<Result> leases(List<Deployment> deployments) {
    if (lease != null) {
      return List.of(lease(lease.namespace(), lease.name()));
    }
    List<Result> results = new ArrayList<>();
    for (Deployment deployment : deployments) {
      Optional<EnvVar> namespaceVar = env(deployment, ProcessConfig.LEADER_ELECTION_NAMESPACE);
      if (namespaceVar.isEmpty()) {
        results.add(Result.skip("leader election is off in " + name(deployment) + ": no Lease to check"));
        continue;
      }
      String name = env(deployment, ProcessConfig.LEADER_ELECTION_LEASE_NAME).map(EnvVar::getValue)
          .filter(value -> !value.isBlank()).orElse(ProcessConfig.DEFAULT_LEASE_NAME);
      EnvVar var = namespaceVar.get();
      if (var.getValue() != null && !var.getValue().isBlank()) {
        results.add(lease(var.getValue().trim(), name));
      } else if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null
          && "metadata.namespace".equals(var.getValueFrom().getFieldRef().getFieldPath())) {
        results.add(lease(deployment.getMetadata().getNamespace(), name));
      } else {
        results.add(Result.fail("cannot tell where the Lease of " + name(deployment) + " is",
            "name it: kubectl wasabi check --lease NAMESPACE/" + name));
      }
    }
    return results;
  }

  private Result lease(String namespace, String name) {
    String shown = "Lease " + namespace + "/" + name;
    return answered(() -> leaseResult(shown, client().leases().inNamespace(namespace).withName(name).get()),
        "get " + shown, "ask for get on leases in " + namespace);
  }

  private Result leaseResult(String shown, Lease found) {
    if (found == null) {
      return Result.fail(shown + " does not exist",
          "no replica has become leader: kubectl logs the operator's pods (RBAC on leases?), or name the Lease with --lease");
    }
    String holder = found.getSpec() == null ? null : found.getSpec().getHolderIdentity();
    if (holder == null || holder.isBlank()) {
      return Result.fail(shown + " is not held", "no replica leads, so nothing is reconciled: kubectl logs the "
          + "operator's pods");
    }
    Duration duration = found.getSpec().getLeaseDurationSeconds() == null ? DEFAULT_LEASE_DURATION
        : Duration.ofSeconds(found.getSpec().getLeaseDurationSeconds());
    Optional<Instant> renewed = Optional.ofNullable(found.getSpec().getRenewTime())
        .map(ZonedDateTime::toInstant);
    Instant now = clock().instant();
    if (renewed.isEmpty() || renewed.get().plus(duration).plus(RENEWAL_SLACK).isBefore(now)) {
      return Result.fail(shown + " is held by " + holder + " but was last renewed "
          + renewed.map(at -> Ages.relative(at, now)).orElse("never") + " (lease duration " + Ages.of(duration) + ")",
          "the leader has stopped renewing: is its pod running? kubectl logs it; another replica takes over "
              + "once the Lease expires");
    }
    return Result.ok(shown + " held by " + holder + ", renewed " + Ages.relative(renewed.get(), now));
  }

  private Result grants(List<Deployment> deployments) {
    boolean platformIdentity = deployments.stream().anyMatch(d -> env(d, OperatorConfig.PLATFORM_CREDENTIALS_SECRET)
        .map(var -> var.getValue() != null && !var.getValue().isBlank() || var.getValueFrom() != null).orElse(false));
    if (!platformIdentity) {
      return Result.skip("the platform identity is not configured: integrations bring their own key pairs");
    }
    boolean configured = deployments.stream().anyMatch(d -> env(d, TenancyConfig.PLATFORM_GRANTS)
        .map(EnvVar::getValue).map(String::trim).filter(v -> !v.isEmpty() && !v.equals("[]") && !v.equals("null"))
        .isPresent());
    int resources = client().resources(WasabiPlatformGrant.class).list().getItems().size();
    if (!configured && resources == 0) {
      return Result.fail("the platform identity is configured but nothing grants it to anyone",
          "integrations on it turn PlatformIdentityNotGranted: create a WasabiPlatformGrant, or set the chart's "
              + "platformGrants (see README, Multi-tenancy)");
    }
    return Result.ok("the platform identity is granted: " + resources + " WasabiPlatformGrant(s)"
        + (configured ? " and grants in the operator's configuration" : ""));
  }

  private static Optional<EnvVar> env(Deployment deployment, String name) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    Container operator = containers.stream().filter(c -> "operator".equals(c.getName())).findFirst()
        .orElse(containers.isEmpty() ? null : containers.get(0));
    if (operator == null || operator.getEnv() == null) {
      return Optional.empty();
    }
    return operator.getEnv().stream().filter(var -> name.equals(var.getName())).findFirst();
  }

  private static String name(Deployment deployment) {
    return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
  }
}
