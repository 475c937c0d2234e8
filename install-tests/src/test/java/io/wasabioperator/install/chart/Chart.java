package io.wasabioperator.install.chart;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wasabioperator.install.RepositoryFiles;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Renders the chart with helm-java, as `helm template` would, and parses the result with the fabric8 model. */
public final class Chart {
  public static final Path DIR = RepositoryFiles.resolve("helm/wasabi-operator");
  /** The chart's copy of the repository's crds/, which templates/crds.yaml renders. */
  public static final Path CRDS = DIR.resolve("files/crds");
  public static final String RELEASE = "wasabi-operator";
  public static final String NAMESPACE = "wasabi-operator";
  /**
   * The cluster version renders are made for: helm-java's embedded Helm would otherwise assume 1.20, older
   * than the chart supports; the Helm CLI assumes its client's version, and helm install the cluster's.
   */
  public static final String KUBE_VERSION = "1.32.0";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Chart() {}

  /** Renders with the given values (YAML, may be empty) on top of values.yaml. */
  public static List<HasMetadata> render(Path workDir, String valuesYaml) throws IOException {
    return parse(renderText(workDir, valuesYaml));
  }

  /** The raw output; throws IllegalStateException with Helm's message when rendering fails. */
  public static String renderText(Path workDir, String valuesYaml) throws IOException {
    return renderText(DIR, workDir, valuesYaml, null);
  }

  /**
   * The raw output of {@code chart} (this chart, or a parent of it), for a cluster of {@code kubeVersion}
   * (null: {@link #KUBE_VERSION}).
   */
  public static String renderText(Path chart, Path workDir, String valuesYaml, String kubeVersion) throws IOException {
    Path values = Files.createTempFile(workDir, "values", ".yaml");
    Files.writeString(values, valuesYaml);
    var template = new Helm(chart).template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withValuesFile(values)
        .withKubeVersion(kubeVersion == null ? KUBE_VERSION : kubeVersion);
    return template.call();
  }

  public static List<HasMetadata> parse(String manifests) {
    Object parsed = SERIALIZATION.unmarshal(manifests);
    List<HasMetadata> objects = new ArrayList<>();
    for (Object o : parsed instanceof List<?> list ? list : List.of(parsed)) {
      if (o != null) {
        objects.add((HasMetadata) o);
      }
    }
    objects.forEach(Chart::assertNoUnknownFields);
    return objects;
  }

  /**
   * The fabric8 model keeps fields it does not know in additionalProperties, so a misspelt field in a
   * template (say `readinesProbe`) would parse without complaint. Walk the typed objects and refuse any.
   */
  static void assertNoUnknownFields(HasMetadata object) {
    if (!(object instanceof GenericKubernetesResource)) {
      walk(object, object.getKind() + "/" + object.getMetadata().getName());
    }
  }

  private static void walk(Object node, String path) {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]");
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k));
      return;
    }
    if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          throw new AssertionError("unknown fields " + extra.keySet() + " at " + path);
        }
      } else {
        walk(value, path + "." + getter.getName().substring(3));
      }
    }
  }

  /**
   * One permission: an RBAC rule spelt out per group, resource, name and verb, so rule sets compare simply.
   * A non-resource URL's grant has no group and the URL, which starts with a slash as no resource does, as its
   * resource.
   */
  public record Grant(String apiGroup, String resource, String resourceName, String verb) implements Comparable<Grant> {
    @Override
    public int compareTo(Grant o) {
      return toString().compareTo(o.toString());
    }

    public boolean isNonResource() {
      return resource.startsWith("/");
    }
  }

  public static Set<Grant> grants(List<PolicyRule> rules) {
    Set<Grant> grants = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String url : rule.getNonResourceURLs()) {
        for (String verb : rule.getVerbs()) {
          grants.add(new Grant("", url, "", verb));
        }
      }
      List<String> names = rule.getResourceNames().isEmpty() ? List.of("") : rule.getResourceNames();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String name : names) {
            for (String verb : rule.getVerbs()) {
              grants.add(new Grant(group, resource, name, verb));
            }
          }
        }
      }
    }
    return grants;
  }

  static Set<Grant> grants(String apiGroup, List<String> resources, List<String> verbs) {
    Set<Grant> grants = new TreeSet<>();
    for (String resource : resources) {
      for (String verb : verbs) {
        grants.add(new Grant(apiGroup, resource, "", verb));
      }
    }
    return grants;
  }
}
