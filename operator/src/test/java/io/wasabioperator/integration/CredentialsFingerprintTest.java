package io.wasabioperator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.storage.StorageCredentials;
import org.junit.jupiter.api.Test;

class CredentialsFingerprintTest {
  @Test
  void tellsPairsApartPerIntegrationWithoutShowingThem() {
    CredentialsLookup.Found pair = found("AKIAONE", "secret-one");
    String fingerprint = pair.fingerprint("uid-1");

    assertThat(fingerprint).hasSize(16).matches("[0-9a-f]+").doesNotContain("AKIAONE").doesNotContain("secret-one");
    assertThat(found("AKIAONE", "secret-one").fingerprint("uid-1")).isEqualTo(fingerprint);
    assertThat(found("AKIAONE", "secret-two").fingerprint("uid-1")).as("a new secret").isNotEqualTo(fingerprint);
    assertThat(pair.fingerprint("uid-2")).as("the same pair in another integration").isNotEqualTo(fingerprint);
  }

  private static CredentialsLookup.Found found(String id, String secret) {
    return new CredentialsLookup.Found(new StorageCredentials(id, secret), "Secret team/keys", true, "accessKeyId",
        "secretAccessKey");
  }
}
