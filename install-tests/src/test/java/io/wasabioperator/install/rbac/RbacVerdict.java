package io.wasabioperator.install.rbac;

import io.wasabioperator.apiserver.rbac.RbacPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Recordings made against one render of the chart, judged as a real API server would judge their requests:
 * which requests and admission checks it would deny, and which of the chart's permissions none of them used.
 */
public final class RbacVerdict {
  private final List<Check> denied = new ArrayList<>();
  private final GrantCoverage coverage;

  private RbacVerdict(RenderedChart chart, List<Recording> recordings) {
    RbacPolicy policy = chart.policy();
    coverage = new GrantCoverage(policy, UnrecordedRules.in(chart.text()));
    for (Recording recording : recordings) {
      for (RecordedRequest request : recording.requests()) {
        for (Check check : checks(request)) {
          if (policy.allows(check.attributes())) {
            coverage.use(check);
          } else {
            denied.add(check);
          }
        }
      }
    }
  }

  public static RbacVerdict judge(RenderedChart chart, List<Recording> recordings) {
    return new RbacVerdict(chart, recordings);
  }

  /** The request itself, then what admission asks on its behalf. */
  public static List<Check> checks(RecordedRequest request) {
    List<Check> checks = new ArrayList<>();
    checks.add(Check.of(request));
    checks.addAll(OwnerReferenceAdmission.checks(request));
    return checks;
  }

  public List<Check> denied() {
    return List.copyOf(denied);
  }

  /** The chart's permissions that no allowed request or check used, and that no `# unrecorded:` comment explains. */
  public List<String> unusedGrants() {
    return coverage.unused();
  }

  /** Permissions of rules marked `# unrecorded:` that the recordings do use: the comment should go. */
  public List<String> unrecordedButUsed() {
    return coverage.markedButUsed();
  }
}
