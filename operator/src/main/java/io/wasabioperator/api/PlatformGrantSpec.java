package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * Who may use the platform identity where: the spec of a WasabiPlatformGrant, and of each grant in
 * the operator's configuration (WASABI_OPERATOR_PLATFORM_GRANTS), which read the same.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.namespaces) || has(self.namespaceSelector)",
    message = "name the namespaces (or '*'), or select them with namespaceSelector")
public class PlatformGrantSpec {
  @JsonPropertyDescription("Namespaces whose integrations are granted, by name; '*' means every namespace.")
  private List<String> namespaces;

  @JsonPropertyDescription("Namespaces whose integrations are granted, by their labels. With namespaces too, a "
      + "namespace matching either is granted.")
  private LabelSelector namespaceSelector;

  @Required
  @Size(min = 1)
  @JsonPropertyDescription("Buckets granted, by name; '*' matches any run of characters, as in team-a-*.")
  private List<String> buckets;

  @JsonPropertyDescription("Folders granted. When set, an integration's accessPrefix must lie inside one of them, "
      + "and an integration without accessPrefix (the whole bucket) is not granted. Default: whole buckets.")
  private List<String> prefixes;

  @JsonPropertyDescription("Modes granted: ReadWrite, ReadOnly. Default: both.")
  private List<AccessMode> modes;

  @JsonPropertyDescription("Hosts the platform identity may be sent to when an integration's spec.endpoint "
      + "overrides Wasabi's regional endpoint ('*' wildcards, as in *.example.com). Default: none, only Wasabi's.")
  private List<String> endpoints;

  public List<String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<String> namespaces) {
    this.namespaces = namespaces;
  }

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public List<String> getBuckets() {
    return buckets;
  }

  public void setBuckets(List<String> buckets) {
    this.buckets = buckets;
  }

  public List<String> getPrefixes() {
    return prefixes;
  }

  public void setPrefixes(List<String> prefixes) {
    this.prefixes = prefixes;
  }

  public List<AccessMode> getModes() {
    return modes;
  }

  public void setModes(List<AccessMode> modes) {
    this.modes = modes;
  }

  public List<String> getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(List<String> endpoints) {
    this.endpoints = endpoints;
  }
}
