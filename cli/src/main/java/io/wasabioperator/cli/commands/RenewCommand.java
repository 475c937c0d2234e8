package io.wasabioperator.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.cli.CliException;
import io.wasabioperator.cli.KubeCommand;
import io.wasabioperator.cli.ResourceKind;
import io.wasabioperator.cli.ResourceRef;
import io.wasabioperator.cli.output.Documents;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** Asks the operator for one renewal of each request: a new value of the renew annotation each. */
@Command(name = "renew", mixinStandardHelpOptions = true,
    description = {"Renew signed URLs now.", "", "Renew the URLs of SignedUrlRequests now: sets the annotation " + SignedUrlRequest.RENEW_REQUESTED_AT
        + " to a new value on each, and the operator signs once for each new value.",
        "", "Examples:", "  kubectl wasabi renew sur/slide-url sur/thumbs -n demo",
        "  kubectl wasabi renew --all -l team=a -n demo", "  kubectl wasabi renew --all -A"})
public final class RenewCommand extends KubeCommand {
  @Parameters(paramLabel = "sur/NAME", arity = "0..*", description = "The requests: sur/NAME... or sur NAME...")
  List<String> resources;

  @Option(names = "--all", description = "Every request in the namespace (with -A, in every namespace).")
  boolean all;

  @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
      description = "With --all: only requests whose labels match, as kubectl -l takes it (team=a,tier!=test).")
  String selector;

  @Option(names = {"-A", "--all-namespaces"}, description = "With --all: in every namespace.")
  boolean allNamespaces;

  @Override
  public Integer call() {
    boolean named = resources != null && !resources.isEmpty();
    if (!all && !named) {
      throw new ParameterException(spec.commandLine(), "name the requests (sur/NAME...) or use --all");
    }
    if (all && named) {
      throw new ParameterException(spec.commandLine(), "name the requests (sur/NAME...) or use --all, not both");
    }
    if (!all && (selector != null || allNamespaces)) {
      throw new ParameterException(spec.commandLine(), "-l and -A select requests for --all");
    }
    List<ResourceRef> refs = all ? List.of() : refs(resources);
    List<SignedUrlRequest> requests = all ? everyRequest() : found(refs);
    boolean missing = !all && requests.size() < refs.size();
    if (all && requests.isEmpty()) {
      err().println("No resources found" + (allNamespaces ? "" : " in " + namespace() + " namespace") + ".");
    }
    for (SignedUrlRequest request : requests) {
      String value = newValue();
      ObjectNode patch = Documents.json().createObjectNode();
      patch.putObject("metadata").putObject("annotations").put(SignedUrlRequest.RENEW_REQUESTED_AT, value);
      client().resources(SignedUrlRequest.class).inNamespace(request.getMetadata().getNamespace())
          .withName(request.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
      out().println(ResourceKind.REQUEST.qualified() + "/" + request.getMetadata().getName() + " renewal requested ("
          + SignedUrlRequest.RENEW_REQUESTED_AT + "=" + value + ")");
    }
    return missing ? 1 : 0;
  }

  private List<SignedUrlRequest> everyRequest() {
    var options = new ListOptionsBuilder().withLabelSelector(selector).build();
    var requests = client().resources(SignedUrlRequest.class);
    return (allNamespaces ? requests.inAnyNamespace().list(options)
        : requests.inNamespace(namespace()).list(options)).getItems();
  }

  /** The named requests that exist; kubectl's NotFound line for each other one. */
  private List<SignedUrlRequest> found(List<ResourceRef> refs) {
    List<SignedUrlRequest> found = new ArrayList<>();
    for (ResourceRef ref : refs) {
      if (ref.kind() != ResourceKind.REQUEST) {
        throw CliException.error("only SignedUrlRequests are renewed (sur/NAME), not " + ref);
      }
      try {
        found.add(get(SignedUrlRequest.class, ref));
      } catch (CliException notFound) {
        err().println(notFound.line());
      }
    }
    return found;
  }

  /** When it was asked, and a random part: each request, and each run, gets a value of its own. */
  private String newValue() {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return clock().instant().toString() + "-" + HexFormat.of().formatHex(random);
  }
}
