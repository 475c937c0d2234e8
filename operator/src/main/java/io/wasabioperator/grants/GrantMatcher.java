package io.wasabioperator.grants;

import io.wasabioperator.api.PlatformGrantSpec;
import io.wasabioperator.integration.ObjectPaths;
import java.util.List;
import java.util.Optional;

/** Which grant, if any, lets an integration use the platform identity. Pure. */
public final class GrantMatcher {
  private GrantMatcher() {}

  /** The first grant covering the subject, in the order given. */
  public static Optional<Grant> covering(List<Grant> grants, GrantSubject subject) {
    return grants.stream().filter(grant -> covers(grant.spec(), subject)).findFirst();
  }

  static boolean covers(PlatformGrantSpec grant, GrantSubject subject) {
    return coversNamespace(grant, subject)
        && anyGlob(grant.getBuckets(), subject.bucket())
        && coversPrefix(grant.getPrefixes(), subject.accessPrefix())
        && (grant.getModes() == null || grant.getModes().isEmpty() || grant.getModes().contains(subject.mode()))
        && subject.endpointHost().map(host -> grant.getEndpoints() != null
            && grant.getEndpoints().stream().anyMatch(glob -> glob != null && Globs.matchesHost(glob, host)))
            .orElse(true);
  }

  /** What an administrator must grant, in words, for the condition's message. */
  public static String refusal(GrantSubject subject) {
    return "no platform identity grant covers namespace " + subject.namespace() + ", bucket " + subject.bucket()
        + (subject.accessPrefix().isEmpty() ? " (whole bucket)" : ", folder " + subject.accessPrefix())
        + ", mode " + subject.mode() + subject.endpointHost().map(host -> ", endpoint " + host).orElse("")
        + "; ask an administrator to grant it (a WasabiPlatformGrant, or WASABI_OPERATOR_PLATFORM_GRANTS), "
        + "or give the integration its own key pair with spec.credentialsSecretRef";
  }

  private static boolean coversNamespace(PlatformGrantSpec grant, GrantSubject subject) {
    boolean named = grant.getNamespaces() != null && grant.getNamespaces().stream()
        .anyMatch(name -> "*".equals(name) || subject.namespace().equals(name));
    return named || grant.getNamespaceSelector() != null && subject.namespaceLabels()
        .map(labels -> LabelSelectors.matches(grant.getNamespaceSelector(), labels)).orElse(false);
  }

  private static boolean anyGlob(List<String> globs, String value) {
    return globs != null && globs.stream().anyMatch(glob -> glob != null && Globs.matches(glob, value));
  }

  /**
   * Without prefixes, whole buckets; with them, the integration's folder must lie inside one (both end
   * in '/', so team-a/ does not cover team-ab/), and the whole bucket only under the prefix "".
   */
  private static boolean coversPrefix(List<String> prefixes, String accessPrefix) {
    if (prefixes == null || prefixes.isEmpty()) {
      return true;
    }
    return prefixes.stream().map(ObjectPaths::normalisePrefix)
        .anyMatch(check -> check.isValid() && accessPrefix.startsWith(check.value()));
  }
}
