package io.wasabioperator.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.WasabiStorageIntegration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Applies YAML manifests (several documents per file allowed) to the sandbox's API, like kubectl apply. */
final class Manifests {
  static final List<String> DEMO = List.of("demo/credentials.yaml", "demo/integrations.yaml", "demo/signed-urls.yaml",
      "demo/signing.yaml");

  private final KubernetesClient client;

  Manifests(KubernetesClient client) {
    this.client = client;
    client.getKubernetesSerialization().registerKubernetesResource(WasabiStorageIntegration.class);
    client.getKubernetesSerialization().registerKubernetesResource(SignedUrlRequest.class);
  }

  /** The demo manifests, pointed at the sandbox's storage endpoint. */
  List<HasMetadata> applyDemo(Map<String, String> variables) {
    return applyResources(DEMO, variables);
  }

  /** Only the platform credentials, for users who bring their own manifests. */
  List<HasMetadata> applyCredentials(Map<String, String> variables) {
    return applyResources(List.of(DEMO.get(0)), variables);
  }

  private List<HasMetadata> applyResources(List<String> resources, Map<String, String> variables) {
    return resources.stream().flatMap(resource -> {
      try (InputStream in = Manifests.class.getClassLoader().getResourceAsStream(resource)) {
        return apply(substitute(new String(in.readAllBytes(), StandardCharsets.UTF_8), variables)).stream();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
  }

  List<HasMetadata> applyFile(Path file, Map<String, String> variables) throws IOException {
    return apply(substitute(Files.readString(file), variables));
  }

  private static String substitute(String text, Map<String, String> variables) {
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      text = text.replace("${" + variable.getKey() + "}", variable.getValue());
    }
    return text;
  }

  private List<HasMetadata> apply(String yaml) {
    List<HasMetadata> items = client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    for (HasMetadata item : items) {
      if (item.getMetadata().getNamespace() == null) {
        item.getMetadata().setNamespace("default");
      }
      client.resource(item).createOr(NonDeletingOperation::update);
    }
    return items;
  }
}
