package io.wasabioperator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Writes to the test API server, judged as a real API server judges them: over HTTP, with fabric8's client. */
@AdmittedApiServer
class AdmittingStoreTest {
  private static final String NAMESPACE = "tenant-a";
  private static final ResourceDefinitionContext INTEGRATIONS = new ResourceDefinitionContext.Builder()
      .withGroup("storage.wasabi-operator.io").withVersion("v1alpha1").withKind("WasabiStorageIntegration")
      .withPlural("wasabistorageintegrations").withNamespaced(true).build();
  private static final String VALID_CONDITION = "{\"type\": \"Ready\", \"status\": \"False\", \"reason\": "
      + "\"AccessDenied\", \"message\": \"attach the policy\", \"lastTransitionTime\": \"2026-12-07T01:00:00Z\", "
      + "\"observedGeneration\": 1}";

  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void aValidIntegrationAndItsStatusAreStoredUnchanged() {
    GenericKubernetesResource created = integrations().resource(integration("valid")).create();
    GenericKubernetesResource withStatus = withConditions(created, VALID_CONDITION);

    GenericKubernetesResource stored = integrations().resource(withStatus).updateStatus();

    assertThat(stored.get("spec").toString()).isEqualTo(integration("valid").get("spec").toString());
    assertThat(stored.<Object>get("status")).isEqualTo(withStatus.get("status"));
    assertThat(integrations().withName("valid").get().<Object>get("status")).isEqualTo(withStatus.get("status"));
  }

  @Test
  void aConditionWithoutLastTransitionTimeIsRequired() {
    Status status = refusedStatus("no-time", VALID_CONDITION.replace(", \"lastTransitionTime\": \"2026-12-07T01:00:00Z\"", ""));

    assertThat(status.getCode()).isEqualTo(422);
    assertThat(status.getReason()).isEqualTo("Invalid");
    assertThat(status.getMessage()).isEqualTo("WasabiStorageIntegration.storage.wasabi-operator.io \"no-time\" is "
        + "invalid: status.conditions[0].lastTransitionTime: Required value");
    assertThat(status.getDetails().getCauses()).extracting(StatusCause::getReason, StatusCause::getField)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("FieldValueRequired", "status.conditions[0].lastTransitionTime"));
  }

  @Test
  void aReasonWithASpaceDoesNotMatchThePattern() {
    Status status = refusedStatus("spaced", VALID_CONDITION.replace("AccessDenied", "Access Denied"));

    assertThat(status.getMessage()).endsWith("status.conditions[0].reason: Invalid value: \"Access Denied\": "
        + "status.conditions[0].reason in body should match '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$'");
  }

  @Test
  void aMessageOf40000CharactersIsTooLong() {
    Status status = refusedStatus("long", VALID_CONDITION.replace("attach the policy", "x".repeat(40_000)));

    assertThat(status.getMessage())
        .endsWith("status.conditions[0].message: Too long: may not be more than 32768 bytes");
    assertThat(status.getDetails().getCauses()).extracting(StatusCause::getReason).containsExactly("FieldValueTooLong");
  }

  @Test
  void twoConditionsOfOneTypeAreDuplicates() {
    Status status = refusedStatus("twice", VALID_CONDITION + ", " + VALID_CONDITION.replace("False", "True"));

    assertThat(status.getMessage()).endsWith(
        "status.conditions[1]: Duplicate value: map[string]interface {}{\"type\":\"Ready\"}");
  }

  @Test
  void aTimeThatIsNotRfc3339IsRefused() {
    Status status = refusedStatus("yesterday", VALID_CONDITION.replace("2026-12-07T01:00:00Z", "yesterday"));

    assertThat(status.getMessage()).endsWith("status.conditions[0].lastTransitionTime: Invalid value: \"yesterday\": "
        + "status.conditions[0].lastTransitionTime in body must be of type date-time: \"yesterday\"");
  }

  @Test
  void aSpecCelRuleRefusesABucketWithDots() {
    GenericKubernetesResource dotted = integration("dotted");
    spec(dotted).put("bucket", "customer.a.slides");

    Status status = refusal(() -> integrations().resource(dotted).create());

    assertThat(status.getCode()).isEqualTo(422);
    assertThat(status.getMessage()).startsWith("WasabiStorageIntegration.storage.wasabi-operator.io \"dotted\" is "
        + "invalid: spec.bucket: Invalid value: \"string\": ");
    assertThat(status.getDetails().getCauses()).extracting(StatusCause::getField).containsOnly("spec.bucket");
    assertThat(integrations().withName("dotted").get()).isNull();
  }

  @Test
  void aTransitionRuleComparesWithTheStoredObject() throws Exception {
    JsonNode crd;
    try (InputStream in = getClass().getResourceAsStream("/transition-crd.yaml")) {
      crd = new YAMLMapper().readTree(in);
    }
    KubernetesMockServer vaults = AdmittedApiServers.start(new AdmittingStore(List.of(crd)), UnaryOperator.identity());
    try (KubernetesClient vaultClient = vaults.createClient()) {
      ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup("example.test")
          .withVersion("v1").withKind("Vault").withPlural("vaults").withNamespaced(true).build();
      var resources = vaultClient.genericKubernetesResources(context).inNamespace(NAMESPACE);
      GenericKubernetesResource vault = new GenericKubernetesResource();
      vault.setApiVersion("example.test/v1");
      vault.setKind("Vault");
      vault.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("v").build());
      vault.setAdditionalProperty("spec", new java.util.LinkedHashMap<>(Map.of("bucket", "one", "size", 1)));
      GenericKubernetesResource created = resources.resource(vault).create();

      spec(created).put("size", 2);
      GenericKubernetesResource resized = resources.resource(created).update();
      spec(resized).put("bucket", "two");
      Status status = refusal(() -> resources.resource(resized).update());

      assertThat(status.getCode()).isEqualTo(422);
      assertThat(status.getMessage()).isEqualTo(
          "Vault.example.test \"v\" is invalid: spec.bucket: Invalid value: \"string\": bucket is immutable");
      assertThat(spec(resources.withName("v").get())).containsEntry("bucket", "one").containsEntry("size", 2);
    } finally {
      vaults.destroy();
    }
  }

  @Test
  void anObjectOfAnEarlierCrdKeepsItsOldValuesAndGetsNoNewOnes() {
    GenericKubernetesResource legacy = integration("legacy");
    spec(legacy).put("bucket", "customer.a.slides");
    try (KubernetesClient earlier = AdmittingStore.earlierCrdClient(client)) {
      earlier.genericKubernetesResources(INTEGRATIONS).inNamespace(NAMESPACE).resource(legacy).create();
    }
    GenericKubernetesResource stored = integrations().withName("legacy").get();

    // Ratcheting: the unchanged bucket is not judged again, so status and other fields can be written.
    integrations().resource(withConditions(stored, VALID_CONDITION)).updateStatus();
    GenericKubernetesResource moved = integrations().withName("legacy").edit(edited -> {
      spec(edited).put("region", "eu-central-1");
      return edited;
    });
    assertThat(spec(moved)).containsEntry("region", "eu-central-1");

    Status renamed = refusal(() -> integrations().withName("legacy").edit(edited -> {
      spec(edited).put("bucket", "customer.b.slides");
      return edited;
    }));
    assertThat(renamed.getDetails().getCauses()).extracting(StatusCause::getField).containsOnly("spec.bucket");
  }

  @Test
  void unknownFieldsArePrunedNotRefused() {
    GenericKubernetesResource extra = integration("extra");
    spec(extra).put("bucketName", "typo");

    GenericKubernetesResource created = integrations().resource(extra).create();

    assertThat(spec(created)).doesNotContainKey("bucketName").containsEntry("bucket", "customer-a-slides");
    assertThat(spec(integrations().withName("extra").get())).doesNotContainKey("bucketName");
  }

  @Test
  void statusIsDroppedOnCreateAsTheStatusSubresourceDoes() {
    GenericKubernetesResource created = integrations().resource(withConditions(integration("fresh"), VALID_CONDITION))
        .create();

    assertThat(created.<Object>get("status")).isNull();
  }

  @Test
  void aMergePatchNullRemovesTheMember() {
    GenericKubernetesResource created = integrations().resource(integration("patched")).create();
    assertThat(spec(created)).containsKey("prefix");

    GenericKubernetesResource patched = integrations().withName("patched")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"prefix\": null}}");

    assertThat(spec(patched)).doesNotContainKey("prefix");
    assertThat(patched.getAdditionalProperties()).doesNotContainKey("status");
    assertThat(integrations().withName("patched").get().getAdditionalProperties()).doesNotContainKey("status");
  }

  @Test
  void aSecretOfExactly1MiBIsStoredAndOneByteMoreIsRefused() {
    Secret exact = client.secrets().inNamespace(NAMESPACE).resource(secret("exact", 1024 * 1024)).create();
    assertThat(Base64.getDecoder().decode(exact.getData().get("blob"))).hasSize(1024 * 1024);

    Status status = refusal(() -> client.secrets().inNamespace(NAMESPACE).resource(secret("over", 1024 * 1024 + 1))
        .create());

    assertThat(status.getCode()).isEqualTo(422);
    assertThat(status.getMessage()).isEqualTo("Secret \"over\" is invalid: data: Too long: may not be more than "
        + "1048576 bytes");
    assertThat(client.secrets().inNamespace(NAMESPACE).withName("over").get()).isNull();
  }

  @Test
  void stringDataCountsTowardsTheSecretsSize() {
    Secret viaStringData = secret("text", 1);
    viaStringData.setStringData(Map.of("big", "s".repeat(1024 * 1024)));

    Status status = refusal(() -> client.secrets().inNamespace(NAMESPACE).resource(viaStringData).create());

    assertThat(status.getMessage()).endsWith("data: Too long: may not be more than 1048576 bytes");
  }

  @Test
  void rbacObjectsTakePathSegmentNames() {
    var role = new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder().withNewMetadata()
        .withName("system:wasabi-viewer").endMetadata().build();

    assertThat(client.rbac().clusterRoles().resource(role).create().getMetadata().getName())
        .isEqualTo("system:wasabi-viewer");
  }

  @Test
  void namesAndLabelValuesHaveTheirLimits() {
    String longName = "a".repeat(254);
    Status name = refusal(() -> client.secrets().inNamespace(NAMESPACE).resource(secret(longName, 1)).create());
    assertThat(name.getMessage()).isEqualTo("Secret \"" + longName + "\" is invalid: metadata.name: Invalid value: \""
        + longName + "\": must be no more than 253 characters");

    Secret labelled = secret("labelled", 1);
    labelled.getMetadata().setLabels(Map.of("team", "b".repeat(64)));
    Status label = refusal(() -> client.secrets().inNamespace(NAMESPACE).resource(labelled).create());
    assertThat(label.getMessage()).isEqualTo("Secret \"labelled\" is invalid: metadata.labels: Invalid value: \""
        + "b".repeat(64) + "\": must be no more than 63 characters");

    labelled.getMetadata().setLabels(Map.of("team", "a b"));
    Status syntax = refusal(() -> client.secrets().inNamespace(NAMESPACE).resource(labelled).create());
    assertThat(syntax.getMessage()).contains("metadata.labels: Invalid value: \"a b\": a valid label must be");

    labelled.getMetadata().setLabels(Map.of("team", "b".repeat(63)));
    assertThat(client.secrets().inNamespace(NAMESPACE).resource(labelled).create().getMetadata().getName())
        .isEqualTo("labelled");
  }

  @Test
  void aDeleteWithAStaleResourceVersionPreconditionIsAConflict() {
    Secret created = client.secrets().inNamespace(NAMESPACE).resource(secret("guarded", 1)).create();
    Secret changed = client.secrets().inNamespace(NAMESPACE).resource(
        new SecretBuilder(created).addToData("more", "eA==").build()).update();

    Status stale = refusal(() -> client.secrets().inNamespace(NAMESPACE).resource(created).lockResourceVersion()
        .delete());
    assertThat(stale.getCode()).isEqualTo(409);
    assertThat(stale.getReason()).isEqualTo("Conflict");
    assertThat(stale.getMessage()).isEqualTo("Operation cannot be fulfilled on secrets \"guarded\": Precondition "
        + "failed: ResourceVersion in precondition: " + created.getMetadata().getResourceVersion()
        + ", ResourceVersion in object meta: " + changed.getMetadata().getResourceVersion());
    assertThat(client.secrets().inNamespace(NAMESPACE).withName("guarded").get()).isNotNull();

    assertThat(client.secrets().inNamespace(NAMESPACE).resource(changed).lockResourceVersion().delete()).hasSize(1);
    assertThat(client.secrets().inNamespace(NAMESPACE).withName("guarded").get()).isNull();
  }

  @Test
  void generatedNamesGetFiveCharactersAsOnAServer() {
    Secret generated = secret(null, 1);
    generated.getMetadata().setGenerateName("x".repeat(70) + "-");

    Secret created = client.secrets().inNamespace(NAMESPACE).resource(generated).create();

    assertThat(created.getMetadata().getName()).matches("x{58}[a-z0-9]{5}");
  }

  // ---- helpers

  private Status refusedStatus(String name, String conditions) {
    GenericKubernetesResource created = integrations().resource(integration(name)).create();
    return refusal(() -> integrations().resource(withConditions(created, conditions)).updateStatus());
  }

  private static Status refusal(Executable write) {
    KubernetesClientException refused = (KubernetesClientException) org.junit.jupiter.api.Assertions.assertThrows(
        KubernetesClientException.class, write);
    assertThat(refused.getStatus()).as("the server's Status").isNotNull();
    return refused.getStatus();
  }

  private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
      io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
      io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> integrations() {
    return client.genericKubernetesResources(INTEGRATIONS).inNamespace(NAMESPACE);
  }

  private static GenericKubernetesResource integration(String name) {
    return Serialization.unmarshal("""
        {"apiVersion": "storage.wasabi-operator.io/v1alpha1", "kind": "WasabiStorageIntegration",
         "metadata": {"name": "%s"},
         "spec": {"bucket": "customer-a-slides", "region": "eu-central-2", "mode": "ReadWrite",
                  "prefix": "annotation-platform/derived/"}}""".formatted(name), GenericKubernetesResource.class);
  }

  private static GenericKubernetesResource withConditions(GenericKubernetesResource resource, String conditions) {
    GenericKubernetesResource copy = Serialization.clone(resource);
    copy.setAdditionalProperty("status", Serialization.unmarshal("{\"conditions\": [" + conditions + "]}", Map.class));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }

  private static Secret secret(String name, int bytes) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("blob", Base64.getEncoder().encodeToString(new byte[bytes])).build();
  }
}
