package io.wasabioperator.benchmarks;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.secrets.SecretData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The start-up floor, in a JVM of its own: connect with the kubeconfig named on stdin, list the
 * SignedUrlRequests, then write each one's Secret and status. Says when it has listed and when done.
 */
public final class FloorProcess {
  static final String LISTED = "listed";
  static final String DONE = "done";

  private FloorProcess() {}

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine());
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      List<SignedUrlRequest> requests = client.resources(SignedUrlRequest.class).inNamespace(Storage.NAMESPACE).list()
          .getItems();
      System.out.println(LISTED);
      for (SignedUrlRequest request : requests) {
        client.resource(new SecretBuilder().withNewMetadata().withNamespace(Storage.NAMESPACE)
            .withName(request.getMetadata().getName()).endMetadata()
            .withData(SecretData.encode(Map.of("url", "https://bench/" + request.getSpec().getKey()))).build())
            .create();
        request.setStatus(new SignedUrlRequestStatus());
        request.getStatus().setRevision(1L);
        client.resource(request).updateStatus();
      }
      System.out.println(DONE);
    }
    System.exit(0);
  }
}
