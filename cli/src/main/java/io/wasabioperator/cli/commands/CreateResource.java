package io.wasabioperator.cli.commands;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.wasabioperator.cli.CliException;
import io.wasabioperator.cli.KubeCommand;
import io.wasabioperator.cli.ResourceKind;
import io.wasabioperator.cli.output.Documents;
import io.wasabioperator.cli.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What both create commands share: the name, kubectl's --dry-run and -o, validation, then create or print. */
abstract class CreateResource extends KubeCommand {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  enum DryRun { none, client, server }

  @Parameters(index = "0", paramLabel = "NAME", description = "The resource's name.")
  String name;

  @Option(names = "--dry-run", paramLabel = "STRATEGY", arity = "0..1", fallbackValue = "client", defaultValue = "none",
      description = "none (default), client: print or report without sending anything, server: send with dryRun=All.")
  DryRun dryRun;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "yaml or json: print the object.")
  Output output;

  @Option(names = "--validate", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Validate as the operator does before sending (default true; --validate=false or --no-validate "
          + "skips it, when the operator's configuration allows more than its defaults).")
  boolean validate;

  /** The object with its spec; the name and namespace are set by the caller. */
  abstract HasMetadata build();

  /** The operator validator's verdict: a reason and message when invalid. */
  abstract Optional<String> problem(HasMetadata resource);

  abstract ResourceKind kind();

  @Override
  public final Integer call() {
    if (name.length() > 253 || !NAME.matcher(name).matches()) {
      throw CliException.error("the name \"" + name + "\" is invalid: lowercase letters, digits, '-' and '.', "
          + "starting and ending with a letter or digit, at most 253");
    }
    HasMetadata resource = build();
    resource.setMetadata(new ObjectMeta());
    resource.getMetadata().setName(name);
    if (validate) {
      problem(resource).ifPresent(problem -> {
        throw CliException.error(problem);
      });
    }
    String created = kind().qualified() + "/" + name + " created";
    if (dryRun == DryRun.client) {
      resource.getMetadata().setNamespace(options().namespace());
      print(manifest(resource), created + " (dry run)");
      return 0;
    }
    resource.getMetadata().setNamespace(namespace());
    var operation = client().resource(resource);
    HasMetadata result = dryRun == DryRun.server ? operation.dryRun().create() : operation.create();
    print(manifest(result), created + (dryRun == DryRun.server ? " (server dry run)" : ""));
    return 0;
  }

  private void print(Map<String, Object> manifest, String line) {
    if (output == null) {
      out().println(line);
    } else {
      out().print(Documents.format(manifest, output));
    }
  }

  /** apiVersion, kind, metadata (name, namespace when known) and the spec with only what is set. */
  private static Map<String, Object> manifest(HasMetadata resource) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", resource.getMetadata().getName());
    if (resource.getMetadata().getNamespace() != null) {
      metadata.put("namespace", resource.getMetadata().getNamespace());
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("apiVersion", resource.getApiVersion());
    manifest.put("kind", resource.getKind());
    manifest.put("metadata", metadata);
    manifest.put("spec", Documents.json().convertValue(Documents.json().valueToTree(resource).get("spec"), Map.class));
    return manifest;
  }
}
