package io.wasabioperator.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.signing.tls.CaPublisher;
import io.wasabioperator.signing.tls.Pem;
import io.wasabioperator.signing.tls.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/** A caller of the signing API over HTTPS, trusting only the CAs a ConfigMap published. */
public final class SigningClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient https;

  /** An answer: its status, its text and its JSON. */
  public record Reply(int status, String text, JsonNode body, HttpHeaders headers) {}

  private SigningClient(HttpClient https) {
    this.https = https;
  }

  /** Trusting the CAs of the ConfigMap once it exists. */
  public static SigningClient trusting(KubernetesClient client, String namespace, String configMap) throws Exception {
    await("CA published in " + namespace).atMost(Duration.ofSeconds(15))
        .until(() -> published(client, namespace, configMap).isPresent());
    return new SigningClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .sslContext(TestTls.clientTrusting(Pem.readCertificates(published(client, namespace, configMap)
            .orElseThrow()).toArray(X509Certificate[]::new))).build());
  }

  /** The CAs a ConfigMap publishes, as PEM. */
  public static Optional<String> published(KubernetesClient client, String namespace, String configMap) {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(configMap).get();
    return Optional.ofNullable(map).map(found -> found.getData().get(CaPublisher.CA_KEY));
  }

  public static URI uri(String host, int port, String namespace, String integration) {
    return URI.create("https://" + host + ":" + port + "/v1alpha1/namespaces/" + namespace
        + "/wasabistorageintegrations/" + integration + "/urls");
  }

  /** POSTs the body, with the token when there is one. */
  public Reply call(URI uri, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  public Reply send(HttpRequest request) throws Exception {
    HttpResponse<String> response = https.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body(), JSON.readTree(response.body()), response.headers());
  }
}
