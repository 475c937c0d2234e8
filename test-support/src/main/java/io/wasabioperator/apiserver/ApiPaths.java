package io.wasabioperator.apiserver;

/** What the server's messages name from a request path: the resource, qualified by its group. */
final class ApiPaths {
  private ApiPaths() {}

  /**
   * {@code secrets} for {@code /api/v1/namespaces/a/secrets/b}, {@code leases.coordination.k8s.io} for
   * {@code /apis/coordination.k8s.io/v1/namespaces/a/leases/b}: the resource is the segment before the name.
   */
  static String qualifiedResource(String path) {
    String[] segments = path.replaceFirst("\\?.*$", "").replaceAll("^/+|/+$", "").split("/");
    boolean core = segments[0].equals("api");
    int start = core ? 2 : 3;
    if (segments.length > start + 1 && segments[start].equals("namespaces")) {
      start += 2;
    }
    String resource = segments.length > start ? segments[start] : "";
    return core || segments.length < 2 ? resource : resource + "." + segments[1];
  }
}
