package io.wasabioperator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.storage.StorageCredentials;
import io.wasabioperator.testsupport.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CredentialsCacheTest {
  private final MovableClock clock = new MovableClock();
  private final CredentialsCache cache = new CredentialsCache(clock);

  @Test
  void keepsAReadUntilItsSecretChanges() {
    long stamp = cache.stamp("team/keys");
    cache.put("team/keys", stamp, found("v1"));

    assertThat(cache.get("team/keys")).map(found -> found.credentials().secretAccessKey()).contains("v1");
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

  @Test
  void forgetsAReadAfterItsMaximumAgeEvenWithoutAChange() {
    cache.put("team/keys", cache.stamp("team/keys"), found("v1"));
    clock.moveBy(CredentialsCache.MAX_AGE.minusSeconds(1));
    assertThat(cache.get("team/keys")).isPresent();

    clock.moveBy(Duration.ofSeconds(1));
    assertThat(cache.get("team/keys")).isEmpty();
  }

  @Test
  void aClockSteppedBackAlsoEndsARead() {
    cache.put("team/keys", cache.stamp("team/keys"), found("v1"));
    clock.moveBy(Duration.ofMinutes(-1));

    assertThat(cache.get("team/keys")).isEmpty();
  }

  @Test
  void keepingANewReadDropsTheOldOnesNobodyAskedFor() {
    cache.put("team/unused", cache.stamp("team/unused"), found("v1"));
    clock.moveBy(CredentialsCache.MAX_AGE);
    cache.put("team/keys", cache.stamp("team/keys"), found("v2"));

    assertThat(cache.size()).isEqualTo(1);
  }

  private static CredentialsLookup.Found found(String secret) {
    return new CredentialsLookup.Found(new StorageCredentials("AKIA", secret), "Secret team/keys", true,
        "accessKeyId", "secretAccessKey");
  }
}
