package io.wasabioperator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.api.AccessMode;
import org.junit.jupiter.api.Test;

class PolicyStatementIdsTest {
  @Test
  void sayWhatTheyGrantAndForWhichFolder() {
    // Pinned: owners' policies hold these Sids, and a merge finds ours by them.
    assertThat(PolicyStatementIds.objects(AccessMode.ReadWrite, "")).isEqualTo("AllowPlatformReadWritee3b0c442");
    assertThat(PolicyStatementIds.objects(AccessMode.ReadOnly, "slides/")).isEqualTo("AllowPlatformReadacc3408f");
    assertThat(PolicyStatementIds.listing("slides/")).isEqualTo("AllowPlatformListForMiraxacc3408f");
  }

  @Test
  void differForEachFolderAndHoldOnlyLettersAndDigits() {
    assertThat(PolicyStatementIds.forFolder("team-a/")).doesNotContainAnyElementsOf(
        PolicyStatementIds.forFolder("team-b/"));
    assertThat(PolicyStatementIds.forFolder("team-a/")).doesNotHaveDuplicates()
        .allSatisfy(sid -> assertThat(sid).matches("[A-Za-z0-9]+"));
  }

  @Test
  void theFolderSetHoldsEveryModeAndTheListing() {
    assertThat(PolicyStatementIds.forFolder("a/")).containsExactlyInAnyOrder(
        PolicyStatementIds.objects(AccessMode.ReadWrite, "a/"), PolicyStatementIds.objects(AccessMode.ReadOnly, "a/"),
        PolicyStatementIds.listing("a/"));
  }
}
