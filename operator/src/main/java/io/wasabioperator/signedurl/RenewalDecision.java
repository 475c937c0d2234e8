package io.wasabioperator.signedurl;

import io.wasabioperator.secrets.SecretView;
import java.time.Instant;
import java.util.Optional;

/** Whether the request needs new URLs now, and why. Pure. */
public final class RenewalDecision {
  private RenewalDecision() {}

  /**
   * What the decision is made from.
   *
   * @param issued what the Secret holds, if anything
   * @param everIssued whether status records an earlier issuance (a deleted Secret is then a renewal)
   * @param keyPairVerified whether the integration's last probe verified the key pair signing would use
   * @param renewRequest the current value of the renew-requested-at annotation, or null
   * @param renewalTime when the URLs in the Secret are due for renewal
   */
  public record Inputs(Optional<IssuedUrls> issued, boolean everIssued, String specHash, String integrationHash,
      boolean keyPairVerified, String renewRequest, Instant now, Instant renewalTime) {}

  public static Optional<SignedUrlReason> reason(Inputs in) {
    if (in.issued().isEmpty()) {
      return Optional.of(in.everIssued() ? SignedUrlReason.Renewing : SignedUrlReason.SpecChanged);
    }
    IssuedUrls urls = in.issued().get();
    boolean due = !urls.intact() || !in.now().isBefore(in.renewalTime());
    if (!urls.specHash().equals(in.specHash())) {
      return Optional.of(SignedUrlReason.SpecChanged);
    }
    if (!urls.integrationHash().equals(in.integrationHash())) {
      // A new key pair signs nothing before the integration has probed it: a wrong one must not replace
      // URLs that still work. The probe's new fingerprint in the integration's status wakes the request.
      return in.keyPairVerified() || due ? Optional.of(SignedUrlReason.IntegrationChanged) : Optional.empty();
    }
    // The Secret's record may hold a long value as its digest (see SecretView).
    if (in.renewRequest() != null && !SecretView.sameValue(urls.renewRequest().orElse(null), in.renewRequest())) {
      return Optional.of(SignedUrlReason.ManuallyTriggered);
    }
    return due ? Optional.of(SignedUrlReason.Renewing) : Optional.empty();
  }
}
