package io.wasabioperator.install.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.PlatformGrantSpec;
import io.wasabioperator.grants.Grant;
import io.wasabioperator.grants.GrantMatcher;
import io.wasabioperator.grants.GrantSubject;
import io.wasabioperator.install.examples.Examples.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The examples work together once applied: references resolve, keys lie where the bucket policy grants
 * access, the Pod follows the URL as it is renewed and meets restricted Pod Security, and the Argo CD
 * Application installs the chart. These are what the operator, the kubelet or Argo CD would otherwise
 * refuse only after apply.
 */
class ExampleWiringTest {
  private static final String INTEGRATION = "WasabiStorageIntegration";
  private static final String SIGNED_URL = "SignedUrlRequest";
  private static final Set<String> URL_SECRET_KEYS = Set.of("url", "expiresAt", "urls.json");

  @Test
  void examplesCoverEveryFeature() {
    List<Manifest> integrations = Examples.ofKind(INTEGRATION);
    List<Manifest> requests = Examples.ofKind(SIGNED_URL);

    assertThat(Examples.ofKind("Secret")).as("a credentials Secret")
        .anyMatch(secret -> secret.object().path("stringData").has("accessKeyId"));
    assertThat(integrations).as("a ReadWrite integration with a write prefix")
        .anyMatch(wsi -> mode(wsi).equals("ReadWrite") && wsi.spec().has("prefix"));
    assertThat(integrations).as("a ReadOnly integration with partial access, a probe object and own credentials")
        .anyMatch(wsi -> mode(wsi).equals("ReadOnly") && wsi.spec().has("accessPrefix")
            && wsi.spec().path("probe").has("objectKey") && wsi.spec().has("credentialsSecretRef"));
    assertThat(integrations).as("a MIRAX integration")
        .anyMatch(wsi -> wsi.spec().path("mirax").asBoolean(false));
    assertThat(requests).as("a GET request")
        .anyMatch(sur -> method(sur).equals("GET") && !isMiraxSlide(sur));
    assertThat(requests).as("a PUT request with a content type")
        .anyMatch(sur -> method(sur).equals("PUT") && sur.spec().has("contentType"));
    assertThat(requests).as("a MIRAX slide request").anyMatch(ExampleWiringTest::isMiraxSlide);
    assertThat(Examples.ofKind("Pod")).as("a Pod that mounts a URL Secret")
        .anyMatch(pod -> pod.spec().path("volumes").findValue("secret") != null);
    assertThat(Examples.ofKind("Application")).as("an Argo CD Application")
        .anyMatch(app -> app.apiVersion().equals("argoproj.io/v1alpha1"));
  }

  @Test
  void credentialsArePlaceholders() {
    for (Manifest secret : Examples.ofKind("Secret")) {
      // stringData, so the placeholders read as what they are; data would hide real keys in base64.
      assertThat(secret.object().has("data")).as(secret + " uses stringData").isFalse();
      assertThat(secret.object().path("stringData").properties()).as(secret.toString()).isNotEmpty()
          .allSatisfy(entry -> assertThat(entry.getValue().asText()).startsWith("REPLACE-WITH-"));
    }
  }

  @Test
  void everythingLivesInTheExampleNamespace() {
    assertThat(Examples.named("Namespace", Examples.NAMESPACE)).isNotNull();
    for (Manifest manifest : Examples.manifests()) {
      if (manifest.kind().equals("Namespace") || manifest.kind().equals("WasabiPlatformGrant")
          || manifest.apiVersion().startsWith("argoproj.io/")) {
        continue;
      }
      assertThat(manifest.namespace()).as(manifest + " namespace").isEqualTo(Examples.NAMESPACE);
    }
  }

  @Test
  void integrationCredentialsSecretsExistWithTheirKeys() {
    for (Manifest integration : Examples.ofKind(INTEGRATION)) {
      JsonNode ref = integration.spec().path("credentialsSecretRef");
      if (ref.isMissingNode()) {
        continue;
      }
      Manifest secret = Examples.named("Secret", ref.path("name").asText());
      assertThat(secret.namespace()).as(integration + " Secret namespace").isEqualTo(integration.namespace());
      assertThat(secret.object().path("stringData").has(ref.path("accessKeyIdKey").asText("accessKeyId")))
          .as(integration + " access key ID in " + secret).isTrue();
      assertThat(secret.object().path("stringData").has(ref.path("secretAccessKeyKey").asText("secretAccessKey")))
          .as(integration + " secret access key in " + secret).isTrue();
    }
  }

  /** Judged by the operator's own matcher: an integration there without a grant would be PlatformIdentityNotGranted. */
  @Test
  void integrationsOnThePlatformIdentityAreGranted() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Grant> grants = new ArrayList<>();
    for (Manifest grant : Examples.ofKind("WasabiPlatformGrant")) {
      grants.add(new Grant("WasabiPlatformGrant/" + grant.name(),
          json.treeToValue(grant.spec(), PlatformGrantSpec.class)));
    }
    List<Manifest> onPlatform = Examples.ofKind(INTEGRATION).stream()
        .filter(integration -> integration.spec().path("credentialsSecretRef").isMissingNode()).toList();
    assertThat(onPlatform).as("examples on the platform identity").isNotEmpty();
    for (Manifest integration : onPlatform) {
      GrantSubject subject = new GrantSubject(integration.namespace(), Optional.of(Map.of()),
          integration.spec().path("bucket").asText(), accessPrefix(integration), AccessMode.valueOf(mode(integration)),
          Optional.empty());
      assertThat(GrantMatcher.covering(grants, subject)).as(integration + " granted").isPresent();
    }
  }

  @Test
  void probeObjectsLieInsideTheGrantedFolder() {
    for (Manifest integration : Examples.ofKind(INTEGRATION)) {
      Optional.ofNullable(integration.spec().path("probe").get("objectKey")).ifPresent(key ->
          assertThat(key.asText()).as(integration + " probe.objectKey").startsWith(accessPrefix(integration)));
    }
  }

  @Test
  void signedUrlRequestsCanBeSignedByTheirIntegration() {
    for (Manifest request : Examples.ofKind(SIGNED_URL)) {
      Manifest integration = Examples.named(INTEGRATION, request.spec().path("integrationRef").path("name").asText());
      String key = request.spec().path("key").asText();

      assertThat(integration.namespace()).as(request + " integration namespace").isEqualTo(request.namespace());
      assertThat(key).as(request + " key inside the granted folder (KeyOutsideAccessPrefix)")
          .startsWith(accessPrefix(integration));
      if (method(request).equals("PUT")) {
        assertThat(mode(integration)).as(request + " PUT needs ReadWrite (IntegrationReadOnly)")
            .isEqualTo("ReadWrite");
        assertThat(key).as(request + " uploads into the write prefix").startsWith(writePrefix(integration));
      }
      if (isMiraxSlide(request)) {
        assertThat(integration.spec().path("mirax").asBoolean(false))
            .as(request + " slide needs mirax: true (MiraxNotEnabled)").isTrue();
      }
    }
  }

  @Test
  void podReadsTheUrlFromAMountedUrlSecret() {
    List<String> urlSecrets = Examples.ofKind(SIGNED_URL).stream()
        .map(request -> request.spec().path("secretName").asText(request.name()))
        .toList();
    for (Pod pod : pods()) {
      List<Volume> secretVolumes = pod.getSpec().getVolumes().stream().filter(volume -> volume.getSecret() != null)
          .toList();
      assertThat(secretVolumes).as(pod.getMetadata().getName() + " mounts a Secret").isNotEmpty();
      for (Volume volume : secretVolumes) {
        String secretName = volume.getSecret().getSecretName();
        assertThat(urlSecrets).as("the Secret of a SignedUrlRequest").contains(secretName);
        assertThat(Optional.ofNullable(volume.getSecret().getItems()).orElse(List.of()))
            .extracting(KeyToPath::getKey).allMatch(URL_SECRET_KEYS::contains);
        for (Container container : pod.getSpec().getContainers()) {
          List<VolumeMount> mounts = container.getVolumeMounts().stream()
              .filter(mount -> mount.getName().equals(volume.getName()))
              .toList();
          assertThat(mounts).as(container.getName() + " mounts " + volume.getName()).hasSize(1);
          // A subPath mount is a copy made at start: it never sees a renewed URL.
          assertThat(mounts.get(0).getSubPath()).as("subPath").isNull();
          assertThat(String.join(" ", container.getCommand()) + " " + String.join(" ", container.getArgs()))
              .as(container.getName() + " reads the mounted url file").contains(mounts.get(0).getMountPath() + "/url");
          // Environment variables are set once, at container start: they would keep an expired URL.
          assertThat(container.getEnv()).extracting(EnvVar::getValueFrom)
              .noneMatch(source -> source != null && source.getSecretKeyRef() != null
                  && secretName.equals(source.getSecretKeyRef().getName()));
          assertThat(container.getEnvFrom()).extracting(EnvFromSource::getSecretRef)
              .noneMatch(ref -> ref != null && secretName.equals(ref.getName()));
        }
      }
    }
  }

  @Test
  void podMeetsRestrictedPodSecurity() {
    for (Pod pod : pods()) {
      PodSecurityContext podContext = Optional.ofNullable(pod.getSpec().getSecurityContext())
          .orElseGet(PodSecurityContext::new);
      assertThat(pod.getSpec().getHostNetwork()).isNotEqualTo(Boolean.TRUE);
      assertThat(pod.getSpec().getHostPID()).isNotEqualTo(Boolean.TRUE);
      assertThat(pod.getSpec().getHostIPC()).isNotEqualTo(Boolean.TRUE);
      assertThat(pod.getSpec().getVolumes()).allMatch(volume -> volume.getHostPath() == null);
      List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
      containers.addAll(pod.getSpec().getInitContainers());
      for (Container container : containers) {
        SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
        String name = pod.getMetadata().getName() + "/" + container.getName();
        assertThat(Optional.ofNullable(context.getRunAsNonRoot()).orElse(podContext.getRunAsNonRoot()))
            .as(name + " runAsNonRoot").isTrue();
        assertThat(Optional.ofNullable(context.getRunAsUser()).orElse(podContext.getRunAsUser()))
            .as(name + " runAsUser").isNotEqualTo(0L);
        assertThat(context.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
        assertThat(context.getPrivileged()).as(name + " privileged").isNotEqualTo(Boolean.TRUE);
        Capabilities capabilities = Optional.ofNullable(context.getCapabilities()).orElseGet(Capabilities::new);
        assertThat(capabilities.getDrop()).as(name + " drops").contains("ALL");
        assertThat(capabilities.getAdd()).as(name + " adds").isEmpty();
        String seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile().getType()
            : podContext.getSeccompProfile() != null ? podContext.getSeccompProfile().getType() : null;
        assertThat(seccomp).as(name + " seccomp").isEqualTo("RuntimeDefault");
        assertThat(context.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
      }
    }
  }

  @Test
  void argoCdApplicationInstallsTheChartWithServerSideApply() {
    List<Manifest> applications = Examples.ofKind("Application");
    assertThat(applications).hasSize(1);
    Manifest application = applications.get(0);
    JsonNode source = application.spec().path("source");

    assertThat(application.apiVersion()).isEqualTo("argoproj.io/v1alpha1");
    assertThat(source.path("path").asText()).isEqualTo("helm/wasabi-operator");
    assertThat(source.path("repoURL").asText()).as("placeholder repoURL, clearly marked").contains("REPLACE-WITH-");
    assertThat(source.path("targetRevision").asText()).isNotBlank();
    assertThat(application.spec().path("project").asText()).isNotBlank();
    assertThat(application.spec().path("destination").path("namespace").asText()).isNotBlank();
    assertThat(application.spec().path("destination").path("server").asText()).isNotBlank();
    assertThat(StreamSupport.stream(application.spec().path("syncPolicy").path("syncOptions").spliterator(), false)
        .map(JsonNode::asText)).contains("ServerSideApply=true");
    // Outside examples/ itself, so that `kubectl apply -f examples/` works on a cluster without Argo CD.
    assertThat(application.file().getParent()).isNotEqualTo(Examples.directory());
  }

  private static List<Pod> pods() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<Pod> pods = Examples.ofKind("Pod").stream()
        .map(manifest -> serialization.convertValue(manifest.object(), Pod.class))
        .toList();
    assertThat(pods).isNotEmpty();
    return pods;
  }

  private static String mode(Manifest integration) {
    return integration.spec().path("mode").asText();
  }

  private static String method(Manifest request) {
    return request.spec().path("method").asText("GET");
  }

  private static boolean isMiraxSlide(Manifest request) {
    return method(request).equals("GET")
        && request.spec().path("key").asText().toLowerCase(Locale.ROOT).endsWith(".mrxs");
  }

  /** The granted folder as the operator normalises it: no leading '/', one trailing '/'; "" for the whole bucket. */
  private static String accessPrefix(Manifest integration) {
    return folder(integration.spec().path("accessPrefix").asText(""));
  }

  /** Where a ReadWrite integration writes: prefix, or data/ under accessPrefix. */
  private static String writePrefix(Manifest integration) {
    return integration.spec().has("prefix") ? folder(integration.spec().path("prefix").asText())
        : accessPrefix(integration) + "data/";
  }

  private static String folder(String raw) {
    String value = raw.startsWith("/") ? raw.substring(1) : raw;
    return value.isEmpty() || value.endsWith("/") ? value : value + "/";
  }
}
