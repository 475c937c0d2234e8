package io.wasabioperator.cli;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.IntegrationRef;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Objects in the mock API as the operator leaves them. */
public final class Fixtures {
  public static final String NAMESPACE = "demo";

  private Fixtures() {}

  public static WasabiStorageIntegration integration(String name, AccessMode mode, String accessPrefix, boolean mirax) {
    WasabiStorageIntegrationSpec spec = new WasabiStorageIntegrationSpec();
    spec.setBucket("customer-a");
    spec.setRegion("eu-central-2");
    spec.setMode(mode);
    spec.setAccessPrefix(accessPrefix);
    spec.setMirax(mirax ? true : null);
    WasabiStorageIntegration integration = new WasabiStorageIntegration();
    integration.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    integration.setSpec(spec);
    return integration;
  }

  public static SignedUrlRequest request(String name, String key, Map<String, String> labels) {
    SignedUrlRequestSpec spec = new SignedUrlRequestSpec();
    IntegrationRef ref = new IntegrationRef();
    ref.setName("slides");
    spec.setIntegrationRef(ref);
    spec.setKey(key);
    SignedUrlRequest request = new SignedUrlRequest();
    request.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).withLabels(labels).build());
    request.setSpec(spec);
    return request;
  }

  /** Created, then its status written as the operator writes it (the mock drops status on create). */
  public static <T extends HasMetadata> T create(KubernetesClient client, T object,
      java.util.function.Consumer<T> status) {
    T created = client.resource(object).create();
    if (status == null) {
      return created;
    }
    status.accept(created);
    return client.resource(created).updateStatus();
  }

  public static Condition condition(String type, String status, String reason, String message, Instant since) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastTransitionTime(since.toString()).build();
  }

  public static void event(KubernetesClient client, HasMetadata regarding, String name, String type, String reason,
      String note, Instant at) {
    client.resource(new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
        .withNewRegarding().withApiVersion(regarding.getApiVersion()).withKind(regarding.getKind())
        .withName(regarding.getMetadata().getName()).withNamespace(NAMESPACE)
        .withUid(regarding.getMetadata().getUid()).endRegarding()
        .withType(type).withReason(reason).withAction(reason).withNote(note)
        .withEventTime(new MicroTime(at.toString()))
        .withReportingController("wasabi-operator").withReportingInstance("wasabi-operator-0")
        .build()).create();
  }

  /** A Secret with the data keys, base64-encoded as the API holds them. */
  public static void secret(KubernetesClient client, String name, Map<String, String> data) {
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach((key, value) -> encoded.put(key,
        Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
        .withData(encoded).build()).create();
  }
}
