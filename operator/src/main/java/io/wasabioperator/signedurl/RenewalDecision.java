package io.wasabioperator.signedurl;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Whether the request needs new URLs now, and why. Pure. */
public final class RenewalDecision {
  private RenewalDecision() {}

  /**
   * @param issued what the Secret holds, if anything
   * @param everIssued whether status records an earlier issuance (a deleted Secret is then a renewal)
   * @param renewRequest the current value of the renew-requested-at annotation, or null
   * @param renewalTime when the URLs in the Secret are due for renewal
   */
  public static Optional<SignedUrlReason> reason(Optional<IssuedUrls> issued, boolean everIssued, String specHash,
      String integrationHash, String renewRequest, Instant now, Instant renewalTime) {
    if (issued.isEmpty()) {
      return Optional.of(everIssued ? SignedUrlReason.Renewing : SignedUrlReason.SpecChanged);
    }
    IssuedUrls urls = issued.get();
    if (!urls.specHash().equals(specHash)) {
      return Optional.of(SignedUrlReason.SpecChanged);
    }
    if (!urls.integrationHash().equals(integrationHash)) {
      return Optional.of(SignedUrlReason.IntegrationChanged);
    }
    if (renewRequest != null && !Objects.equals(urls.renewRequest().orElse(null), renewRequest)) {
      return Optional.of(SignedUrlReason.ManuallyTriggered);
    }
    if (!urls.intact() || !now.isBefore(renewalTime)) {
      return Optional.of(SignedUrlReason.Renewing);
    }
    return Optional.empty();
  }
}
