package io.wasabioperator.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cheap look at a bearer token before any TokenReview: the form of a JWT, an audience this operator
 * accepts, and an expiry not past. The claims are read, not trusted (the signature is not checked here:
 * the TokenReview does that); this only turns obvious garbage away without asking the API server, and
 * gives the expiry that bounds how long a review's answer may be kept. Pure.
 */
public final class TokenPrecheck {
  /** base64url segments: header.payload.signature. */
  private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.([A-Za-z0-9_-]+)\\.[A-Za-z0-9_-]+");
  /** A bound ServiceAccount token is about 1 KiB; anything much larger is not one. */
  private static final int MAX_TOKEN_LENGTH = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Set<String> audiences;
  private final Clock clock;

  /** The token's claims as read: its expiry, and the audiences it names that this operator accepts. */
  public record Claims(Instant expiry, Set<String> acceptedAudiences) {}

  public TokenPrecheck(Set<String> audiences, Clock clock) {
    this.audiences = Set.copyOf(audiences);
    this.clock = clock;
  }

  /**
   * The claims of a token worth a review; empty for one that is not a JWT, names none of the accepted
   * audiences, has no expiry or has expired.
   */
  public Optional<Claims> check(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    var match = JWT.matcher(token);
    if (!match.matches()) {
      return Optional.empty();
    }
    JsonNode payload;
    try {
      payload = JSON.readTree(Base64.getUrlDecoder().decode(match.group(1)));
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
    if (payload == null || !payload.path("exp").canConvertToLong()) {
      return Optional.empty();
    }
    Instant expiry = Instant.ofEpochSecond(payload.path("exp").asLong());
    if (!expiry.isAfter(clock.instant())) {
      return Optional.empty();
    }
    Set<String> named = audiencesOf(payload.path("aud"));
    Set<String> accepted = named.stream().filter(audiences::contains).collect(java.util.stream.Collectors.toSet());
    return accepted.isEmpty() ? Optional.empty() : Optional.of(new Claims(expiry, Set.copyOf(accepted)));
  }

  /** The aud claim, a string or a list of strings, as a set. */
  static Set<String> audiencesOf(JsonNode aud) {
    if (aud.isTextual()) {
      return Set.of(aud.textValue());
    }
    java.util.Set<String> all = new java.util.HashSet<>();
    if (aud.isArray()) {
      aud.forEach(each -> {
        if (each.isTextual()) {
          all.add(each.textValue());
        }
      });
    }
    return all;
  }
}
