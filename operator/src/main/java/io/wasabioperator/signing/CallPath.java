package io.wasabioperator.signing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signing API's one path, {@code /v1alpha1/namespaces/{namespace}/wasabistorageintegrations/{name}/urls}:
 * the namespace and integration it names, when both are names Kubernetes allows. A query string is ignored.
 * Pure.
 */
public record CallPath(String namespace, String integration) {
  /** A namespace: an RFC 1123 label. */
  private static final String LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
  /** An integration: an RFC 1123 subdomain. */
  private static final String SUBDOMAIN = LABEL + "(\\." + LABEL + ")*";
  private static final Pattern PATH = Pattern.compile("/v1alpha1/namespaces/(" + LABEL
      + ")/wasabistorageintegrations/(" + SUBDOMAIN + ")/urls/?");
  private static final int MAX_NAME = 253;

  public static Optional<CallPath> parse(String uri) {
    int query = uri.indexOf('?');
    Matcher matcher = PATH.matcher(query < 0 ? uri : uri.substring(0, query));
    if (!matcher.matches() || matcher.group(3).length() > MAX_NAME) {
      return Optional.empty();
    }
    return Optional.of(new CallPath(matcher.group(1), matcher.group(3)));
  }
}
