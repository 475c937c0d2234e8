package io.wasabioperator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wasabioperator.api.PlatformGrantSpec;
import io.wasabioperator.grants.LabelSelectors;
import io.wasabioperator.integration.ObjectPaths;
import io.wasabioperator.storage.AddressRange;
import io.wasabioperator.storage.PrivateAddressGuard;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What keeps tenants apart: who may use the platform identity where, and which hosts an integration's
 * spec.endpoint may name.
 *
 * @param platformGrants grants of the platform identity besides the WasabiPlatformGrant resources
 * @param endpointAllowlist host globs spec.endpoint may name besides Wasabi's regional endpoints
 * @param privateEndpointCidrs addresses inside the cluster or host the S3 client may connect to
 */
public record TenancyConfig(List<PlatformGrantSpec> platformGrants, List<String> endpointAllowlist,
    List<AddressRange> privateEndpointCidrs) {
  public static final String PLATFORM_GRANTS = "WASABI_OPERATOR_PLATFORM_GRANTS";
  public static final String ENDPOINT_ALLOWLIST = "WASABI_OPERATOR_ENDPOINT_ALLOWLIST";
  public static final String PRIVATE_ENDPOINT_CIDRS = PrivateAddressGuard.ALLOWED_RANGES_SETTING;

  private static final Pattern HOST_GLOB = Pattern.compile("[A-Za-z0-9*]([-A-Za-z0-9.*]*[A-Za-z0-9*])?|\\[[0-9a-fA-F:.]+\\]");
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  public TenancyConfig {
    platformGrants = List.copyOf(platformGrants);
    endpointAllowlist = List.copyOf(endpointAllowlist);
    privateEndpointCidrs = List.copyOf(privateEndpointCidrs);
  }

  public static TenancyConfig fromEnvironment(Map<String, String> env) {
    return new TenancyConfig(grants(env.getOrDefault(PLATFORM_GRANTS, "").trim()),
        allowlist(env.getOrDefault(ENDPOINT_ALLOWLIST, "")),
        cidrs(env.getOrDefault(PRIVATE_ENDPOINT_CIDRS, "")));
  }

  private static List<PlatformGrantSpec> grants(String json) {
    if (json.isEmpty()) {
      return List.of();
    }
    List<PlatformGrantSpec> grants;
    try {
      grants = Arrays.asList(JSON.readValue(json, PlatformGrantSpec[].class));
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the input; the input is ours, but keep the message to its location.
      throw new InvalidConfigurationException(PLATFORM_GRANTS + ": not a JSON list of grants ("
          + e.getOriginalMessage().split("\n")[0] + " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + "); write it like [{\"namespaces\": [\"team-a\"], \"buckets\": [\"team-a-*\"]}]");
    }
    for (int i = 0; i < grants.size(); i++) {
      String problem = problem(grants.get(i));
      if (problem != null) {
        throw new InvalidConfigurationException(PLATFORM_GRANTS + ": grant " + (i + 1) + " " + problem);
      }
    }
    return grants;
  }

  private static String problem(PlatformGrantSpec grant) {
    if (grant == null) {
      return "is null";
    }
    if ((grant.getNamespaces() == null || grant.getNamespaces().isEmpty()) && grant.getNamespaceSelector() == null) {
      return "names no namespaces: set namespaces (\"*\" for all) or namespaceSelector";
    }
    if (grant.getBuckets() == null || grant.getBuckets().isEmpty() || grant.getBuckets().stream().anyMatch(
        b -> b == null || b.isBlank())) {
      return "names no buckets: set buckets (\"*\" for all)";
    }
    if (grant.getPrefixes() != null) {
      for (String prefix : grant.getPrefixes()) {
        ObjectPaths.PathCheck check = ObjectPaths.normalisePrefix(prefix == null ? "" : prefix);
        if (prefix == null || !check.isValid()) {
          return "has a prefix that " + (prefix == null ? "is null" : check.problem());
        }
      }
    }
    if (grant.getNamespaceSelector() != null && LabelSelectors.problem(grant.getNamespaceSelector()).isPresent()) {
      return LabelSelectors.problem(grant.getNamespaceSelector()).get();
    }
    if (grant.getModes() != null && grant.getModes().contains(null)) {
      return "has an unknown mode; use ReadWrite or ReadOnly";
    }
    if (grant.getEndpoints() != null && grant.getEndpoints().stream()
        .anyMatch(host -> host == null || !HOST_GLOB.matcher(host).matches())) {
      return "has an endpoint that is not a host name (write hosts, such as s3.example.com or *.example.com)";
    }
    return null;
  }

  private static List<AddressRange> cidrs(String value) {
    try {
      return AddressRange.parseList(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(PRIVATE_ENDPOINT_CIDRS + ": " + e.getMessage());
    }
  }

  private static List<String> allowlist(String value) {
    List<String> hosts = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String host : hosts) {
      if (!HOST_GLOB.matcher(host).matches()) {
        throw new InvalidConfigurationException(ENDPOINT_ALLOWLIST + ": '" + host + "' is not a host name; write "
            + "comma-separated hosts such as s3.example.com,*.storage.example.org (no scheme, no port)");
      }
    }
    return hosts;
  }
}
