package io.wasabioperator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.storage.StorageCredentials;
import org.junit.jupiter.api.Test;

class CredentialsCacheTest {
  private final CredentialsCache cache = new CredentialsCache();

  @Test
  void keepsAReadUntilItsSecretChanges() {
    long stamp = cache.stamp("team/keys");
    cache.put("team/keys", stamp, found("v1"));

    assertThat(cache.get("team/keys")).map(CredentialsLookup.Found::version).contains("v1");
    cache.invalidate("team/keys");
    assertThat(cache.get("team/keys")).isEmpty();
  }

  @Test
  void doesNotKeepAReadThatRacedWithAChange() {
    long stamp = cache.stamp("team/keys");
    cache.invalidate("team/keys");
    cache.put("team/keys", stamp, found("v1"));

    assertThat(cache.get("team/keys")).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void aChangeToAnotherSecretLeavesTheReadAlone() {
    cache.put("team/keys", cache.stamp("team/keys"), found("v1"));
    cache.invalidate("team/other");

    assertThat(cache.get("team/keys")).isPresent();
  }

  private static CredentialsLookup.Found found(String version) {
    return new CredentialsLookup.Found(new StorageCredentials("AKIA", "secret"), "Secret team/keys", true, version,
        "accessKeyId", "secretAccessKey");
  }
}
