package io.wasabioperator.apiserver.rbac;

import static io.wasabioperator.apiserver.rbac.RequestAttributes.nonResource;
import static io.wasabioperator.apiserver.rbac.RequestAttributes.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests become authorizer attributes as the API server's RequestInfoFactory makes them. */
class RequestAttributesTest {
  private static final String GROUP = "storage.wasabi-operator.io";

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("GET", "/api/v1/namespaces/team-a/secrets/media", null,
            resource("get", "", "team-a", "secrets", "", "media")),
        Arguments.of("HEAD", "/api/v1/namespaces/team-a/secrets/media", null,
            resource("get", "", "team-a", "secrets", "", "media")),
        Arguments.of("GET", "/api/v1/namespaces/team-a/secrets", "labelSelector=a%3Db",
            resource("list", "", "team-a", "secrets", "", "")),
        Arguments.of("GET", "/api/v1/secrets", "watch=true", resource("watch", "", "", "secrets", "", "")),
        Arguments.of("GET", "/api/v1/secrets", "watch=1", resource("watch", "", "", "secrets", "", "")),
        Arguments.of("GET", "/api/v1/secrets", "watch=false", resource("list", "", "", "secrets", "", "")),
        Arguments.of("GET", "/api/v1/secrets", "watch=0&resourceVersion=1",
            resource("list", "", "", "secrets", "", "")),
        // a name in the path makes it a get, watch or not
        Arguments.of("GET", "/api/v1/namespaces/team-a/secrets/media", "watch=true",
            resource("get", "", "team-a", "secrets", "", "media")),
        Arguments.of("GET", "/api/v1/watch/namespaces/team-a/secrets", null,
            resource("watch", "", "team-a", "secrets", "", "")),
        Arguments.of("POST", "/api/v1/namespaces/team-a/secrets", null,
            resource("create", "", "team-a", "secrets", "", "")),
        Arguments.of("PUT", "/apis/" + GROUP + "/v1alpha1/namespaces/team-a/signedurlrequests/slide-1/status", null,
            resource("update", GROUP, "team-a", "signedurlrequests", "status", "slide-1")),
        Arguments.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/ops/leases/leader", null,
            resource("patch", "coordination.k8s.io", "ops", "leases", "", "leader")),
        Arguments.of("DELETE", "/api/v1/namespaces/team-a/secrets/media", null,
            resource("delete", "", "team-a", "secrets", "", "media")),
        Arguments.of("DELETE", "/api/v1/namespaces/team-a/secrets", "labelSelector=a%3Db",
            resource("deletecollection", "", "team-a", "secrets", "", "")),
        Arguments.of("GET", "/apis/" + GROUP + "/v1alpha1/wasabistorageintegrations", null,
            resource("list", GROUP, "", "wasabistorageintegrations", "", "")),
        // a namespace is a cluster-scoped resource named like the namespace it is
        Arguments.of("GET", "/api/v1/namespaces/team-a", null,
            resource("get", "", "team-a", "namespaces", "", "team-a")),
        Arguments.of("PUT", "/api/v1/namespaces/team-a/finalize", null,
            resource("update", "", "team-a", "namespaces", "finalize", "team-a")),
        Arguments.of("GET", "/api/v1/namespaces", null, resource("list", "", "", "namespaces", "", "")),
        Arguments.of("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", null,
            resource("create", "authorization.k8s.io", "", "selfsubjectrulesreviews", "", "")),
        Arguments.of("GET", "/api/v1/namespaces/team-a/pods/web/proxy/metrics/x", null,
            resource("get", "", "team-a", "pods", "proxy", "web")),
        Arguments.of("GET", "/api/v1/proxy/namespaces/team-a/pods/web/metrics", null,
            resource("proxy", "", "team-a", "pods", "", "web")),
        Arguments.of("GET", "/version", null, nonResource("get", "/version")),
        Arguments.of("GET", "/api", null, nonResource("get", "/api")),
        Arguments.of("GET", "/api/v1", null, nonResource("get", "/api/v1")),
        Arguments.of("GET", "/apis/" + GROUP + "/v1alpha1", null, nonResource("get", "/apis/" + GROUP + "/v1alpha1")),
        Arguments.of("HEAD", "/healthz", null, nonResource("head", "/healthz")),
        Arguments.of("POST", "/metrics", null, nonResource("post", "/metrics")));
  }

  @ParameterizedTest(name = "{0} {1}?{2}")
  @MethodSource("requests")
  void requestsBecomeTheAuthorizersAttributes(String method, String path, String query, RequestAttributes expected) {
    assertThat(RequestAttributes.of(method, path, query)).isEqualTo(expected);
  }

  static Stream<Arguments> fieldSelectors() {
    return Stream.of(
        Arguments.of("fieldSelector=metadata.name%3Dplatform-credentials", "platform-credentials"),
        Arguments.of("fieldSelector=metadata.name%3D%3Dplatform-credentials", "platform-credentials"),
        Arguments.of("fieldSelector=type%3DOpaque%2Cmetadata.name%3Dx", "x"),
        Arguments.of("fieldSelector=metadata.name%21%3Dx", ""),
        Arguments.of("fieldSelector=metadata.namespace%3Dx", ""),
        Arguments.of("fieldSelector=metadata.name%3D..", ""),
        Arguments.of("fieldSelector=nonsense%2Cmetadata.name%3Dx", ""),
        Arguments.of("labelSelector=metadata.name%3Dx", ""));
  }

  /** The API server takes a list's or watch's `metadata.name=x` field selector as the request's name. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fieldSelectors")
  void aFieldSelectorOnTheNameNamesTheListOrWatch(String query, String name) {
    assertThat(RequestAttributes.of("GET", "/api/v1/namespaces/ops/secrets", query).name()).isEqualTo(name);
    assertThat(RequestAttributes.of("GET", "/api/v1/namespaces/ops/secrets", query + "&watch=true"))
        .isEqualTo(resource("watch", "", "ops", "secrets", "", name));
  }
}
