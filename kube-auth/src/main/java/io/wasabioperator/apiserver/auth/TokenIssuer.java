package io.wasabioperator.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test API server's ServiceAccount tokens, as TokenRequest hands them out: JWTs with the ServiceAccount as
 * subject, the audiences asked for and an expiry, signed with a key only this issuer knows (HMAC-SHA256,
 * where a cluster signs with RSA; the form and claims are a bound token's). It reviews its own tokens as
 * the API server's TokenReview does.
 */
public final class TokenIssuer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final byte[] key = new byte[32];
  private final Clock clock;

  /** A reviewed token's user: what the API server puts in TokenReview's status.user, and the audiences it matched. */
  public record Reviewed(String userName, String uid, Set<String> groups, List<String> audiences) {}

  public TokenIssuer(Clock clock) {
    new SecureRandom().nextBytes(key);
    this.clock = clock;
  }

  /** A token for the ServiceAccount, valid for these audiences and this long. */
  public String issue(String namespace, String serviceAccount, List<String> audiences, Duration lifetime) {
    Instant now = clock.instant();
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", "https://kubernetes.default.svc.cluster.local");
    claims.put("sub", "system:serviceaccount:" + namespace + ":" + serviceAccount);
    claims.putPOJO("aud", audiences);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(lifetime).getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    // As a bound token carries it: the reviewed user's uid is the ServiceAccount's, the same for each of its tokens.
    claims.putObject("kubernetes.io").putObject("serviceaccount").put("name", serviceAccount)
        .put("uid", uid(namespace, serviceAccount));
    String unsigned = ENCODER.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + ENCODER.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    return unsigned + "." + ENCODER.encodeToString(sign(unsigned));
  }

  /**
   * As TokenReview judges a token: signed by this issuer, not expired, and (when audiences are asked for)
   * naming one of them; empty otherwise.
   */
  public Optional<Reviewed> review(String token, List<String> audiences) {
    String[] parts = token == null ? new String[0] : token.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      if (!MessageDigest.isEqual(sign(parts[0] + "." + parts[1]), Base64.getUrlDecoder().decode(parts[2]))) {
        return Optional.empty();
      }
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!clock.instant().isBefore(Instant.ofEpochSecond(claims.path("exp").asLong()))) {
        return Optional.empty();
      }
      Set<String> named = new HashSet<>();
      claims.path("aud").forEach(aud -> named.add(aud.asText()));
      List<String> matched = audiences.isEmpty() ? List.copyOf(named)
          : audiences.stream().filter(named::contains).toList();
      if (matched.isEmpty()) {
        return Optional.empty();
      }
      String subject = claims.path("sub").asText();
      String namespace = subject.split(":")[2];
      return Optional.of(new Reviewed(subject, claims.path("kubernetes.io").path("serviceaccount").path("uid").asText(),
          Set.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated"), matched));
    } catch (IllegalArgumentException | IOException | ArrayIndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /** When a token it issued expires (read, not checked). */
  public Instant expiry(String token) {
    try {
      return Instant.ofEpochSecond(JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("exp")
          .asLong());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a token of this issuer", e);
    }
  }

  /** A ServiceAccount's uid: stable for its namespace and name, as a stored object's would be. */
  private static String uid(String namespace, String serviceAccount) {
    return UUID.nameUUIDFromBytes(("serviceaccount/" + namespace + "/" + serviceAccount)
        .getBytes(StandardCharsets.UTF_8)).toString();
  }

  private byte[] sign(String unsigned) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
    }
  }
}
