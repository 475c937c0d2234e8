package io.wasabioperator.cli.commands;

import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import io.wasabioperator.cli.CliException;
import io.wasabioperator.cli.KubeCommand;
import io.wasabioperator.cli.ResourceKind;
import io.wasabioperator.cli.ResourceRef;
import io.wasabioperator.cli.output.Documents;
import io.wasabioperator.cli.policy.PolicyMerge;
import io.wasabioperator.integration.BucketPolicyRenderer;
import io.wasabioperator.integration.IntegrationTarget;
import io.wasabioperator.integration.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The bucket policy of an integration, pretty, or merged into the owner's policy. */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = {"Print the bucket policy, or merge it into the owner's.", "", "Print the bucket policy the owner of an integration's bucket attaches, as pretty JSON.",
        "With --merge-into, print the owner's existing policy with our statements for this folder added or "
            + "replaced (by Sid; older Sids without the folder hash too, when their Resource is this folder's) "
            + "and every other statement kept, ready to paste into Wasabi's console.",
        "", "Examples:", "  kubectl wasabi policy wsi/slides -n demo",
        "  kubectl wasabi policy wsi/slides -n demo --merge-into their-policy.json > merged.json"})
public final class PolicyCommand extends KubeCommand {
  @Parameters(paramLabel = "wsi/NAME", arity = "1..2", description = "The integration: wsi/NAME or wsi NAME.")
  List<String> resource;

  @Option(names = "--merge-into", paramLabel = "FILE", description = "The owner's current bucket policy (JSON); "
      + "- reads it from standard input.")
  String mergeInto;

  @Override
  public Integer call() throws IOException {
    ResourceRef ref = ref(resource);
    if (ref.kind() != ResourceKind.INTEGRATION) {
      throw CliException.error("a bucket policy belongs to an integration (wsi/NAME), not to " + ref);
    }
    String owner = mergeInto == null ? null : readOwnerPolicy();
    WasabiStorageIntegration integration = get(WasabiStorageIntegration.class, ref);
    Validation validation = IntegrationSpecs.forPolicy(integration.getSpec());
    String ours = policy(integration, ref, validation);
    if (owner == null) {
      out().print(Documents.prettyJson(Documents.json().readTree(ours)));
      return 0;
    }
    if (!(validation instanceof Validation.Valid valid)) {
      Validation.Invalid invalid = (Validation.Invalid) validation;
      throw CliException.error(ref + " has an invalid spec (" + invalid.reason() + ": " + invalid.message()
          + "); its folder is unknown, so nothing can be merged");
    }
    IntegrationTarget target = valid.target();
    try {
      out().print(Documents.prettyJson(PolicyMerge.merge(owner, ours, target.bucket(), target.accessPrefix())));
    } catch (PolicyMerge.Refused e) {
      throw CliException.error("cannot merge into " + mergeInto + ": " + e.getMessage());
    }
    return 0;
  }

  private String readOwnerPolicy() {
    try {
      return mergeInto.equals("-") ? new String(context().in().readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(mergeInto));
    } catch (IOException e) {
      throw CliException.error("cannot read " + mergeInto + ": " + e.getMessage());
    }
  }

  /** The rendered policy from status; from the spec when status has none yet and every input is known. */
  private String policy(WasabiStorageIntegration integration, ResourceRef ref, Validation validation) {
    WasabiStorageIntegrationStatus status = integration.getStatus();
    if (status != null && status.getBucketPolicy() != null && !status.getBucketPolicy().isEmpty()) {
      Long observed = status.getObservedGeneration();
      Long generation = integration.getMetadata().getGeneration();
      if (observed != null && generation != null && observed < generation) {
        if (mergeInto != null) {
          // our statements would be the old folder's while the Sids to replace are the new one's
          throw CliException.error("cannot merge into " + mergeInto + ": the operator has not rendered the policy for "
              + "the current spec yet (observedGeneration " + observed + " < generation " + generation + "): wait "
              + "for it, e.g. kubectl wait --for=jsonpath='{.status.observedGeneration}'=" + generation + " " + ref
              + " -n " + integration.getMetadata().getNamespace());
        }
        err().println("warning: the operator has not yet handled the latest spec of " + ref + " (generation "
            + generation + "); this policy is the one for generation " + observed);
      }
      return status.getBucketPolicy();
    }
    if (validation instanceof Validation.Valid valid && integration.getSpec().getPrincipalArn() != null) {
      err().println("warning: status.bucketPolicy of " + ref + " is empty; rendered from the spec");
      return BucketPolicyRenderer.render(valid.target());
    }
    throw CliException.error("the bucket policy of " + ref + " is not rendered yet: status.bucketPolicy is empty"
        + (validation instanceof Validation.Invalid invalid ? " and the spec is invalid (" + invalid.reason() + ")"
            : " and the principal is the operator's, unknown here (set spec.principalArn, or wait for the operator)"));
  }
}
