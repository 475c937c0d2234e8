package io.wasabioperator.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses audiences that API servers use for themselves. Every pod's ordinary ServiceAccount token names
 * such an audience and is good for the whole API: were the signing API to accept it, every workload would
 * hand it a key to the cluster with every call. So the API's audience must be its own (wasabi-operator by
 * default, a projected token for which the pod mounts), never the API server's. Pure.
 */
public final class AudienceGuard {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AudienceGuard() {}

  /**
   * Why these audiences cannot be used, or empty when they can.
   *
   * @param clusterDomain the cluster's DNS domain (cluster.local by default)
   * @param ownToken the pod's own mounted ServiceAccount token, if any: its audiences are the API
   *     server's (on managed clusters its issuer URL)
   */
  public static Optional<String> problem(Set<String> audiences, String clusterDomain, Optional<String> ownToken) {
    if (audiences.isEmpty()) {
      return Optional.of("no audience: tokens for the API server itself would be accepted");
    }
    List<String> apiServers = new ArrayList<>(List.of("api", "kubernetes", "kubernetes.default",
        "kubernetes.default.svc", "kubernetes.default.svc." + clusterDomain));
    for (String host : List.copyOf(apiServers)) {
      if (!host.equals("api")) {
        apiServers.add("https://" + host);
      }
    }
    ownToken.flatMap(AudienceGuard::audiencesOfToken).ifPresent(apiServers::addAll);
    for (String audience : audiences) {
      String bare = audience.endsWith("/") ? audience.substring(0, audience.length() - 1) : audience;
      if (apiServers.contains(bare) || apiServers.contains(audience)) {
        return Optional.of("audience '" + audience + "' is the API server's own: every pod's ordinary token names "
            + "it and is good for the whole API, and it would be handed to the signing API; use an audience of its "
            + "own, such as wasabi-operator");
      }
    }
    return Optional.empty();
  }

  private static Optional<Set<String>> audiencesOfToken(String token) {
    String[] parts = token.trim().split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      return Optional.of(TokenPrecheck.audiencesOf(payload.path("aud")));
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }
}
