package io.wasabioperator.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads and writes Secret {@code data}, which the API holds base64-encoded. */
public final class SecretData {
  private SecretData() {}

  /** The decoded value of a key, or empty when the key is missing, blank or not valid base64. */
  public static Optional<String> read(Secret secret, String key) {
    Map<String, String> data = secret.getData();
    if (data == null || data.get(key) == null) {
      return Optional.empty();
    }
    try {
      String value = new String(Base64.getDecoder().decode(data.get(key).trim()), StandardCharsets.UTF_8);
      return value.isBlank() ? Optional.empty() : Optional.of(value);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Encodes plain values into a sorted {@code data} map. */
  public static Map<String, String> encode(Map<String, String> plain) {
    Map<String, String> encoded = new TreeMap<>();
    plain.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return encoded;
  }
}
