package io.wasabioperator.signedurl;

import io.fabric8.kubernetes.api.model.Secret;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.secrets.ManagedLabels;
import io.wasabioperator.secrets.Owners;
import io.wasabioperator.secrets.SharedSecrets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a request's Secret hold what was decided: creates it, patches the operator's fields onto it,
 * takes expired URLs out, and deletes the Secret a former secretName left behind.
 */
final class UrlSecretWriter {
  private static final Logger log = LoggerFactory.getLogger(UrlSecretWriter.class);

  private final SharedSecrets secrets;

  UrlSecretWriter(SharedSecrets secrets) {
    this.secrets = secrets;
  }

  /** How a write ended. */
  enum Outcome {
    WRITTEN,
    /** The name is taken by a Secret that is not the request's. */
    NAME_TAKEN,
    /** The Secret changed or went meanwhile: decide again once the informer shows it. */
    CHANGED_MEANWHILE
  }

  /**
   * Creates the Secret, or patches the operator's fields onto {@code decidedOn}. When the API says it
   * is not what was decided on (409), the Secret is read and the decision made again: someone else's
   * is a conflict; the request's own (its labels taken off, say, which takes it out of the informer)
   * gets the new URLs only if what it holds is older than them, so that a revision as new, another
   * replica's, is never overwritten.
   */
  Outcome write(SignedUrlRequest request, Optional<Secret> decidedOn, UrlIssuer.Result.Signed signed) {
    Optional<Secret> written = decidedOn.isEmpty() ? secrets.writer().create(signed.secret())
        : secrets.writer().patch(decidedOn.get(), signed.fields());
    if (written.isPresent()) {
      return Outcome.WRITTEN;
    }
    Optional<Secret> now = secrets.writer().read(request.getMetadata().getNamespace(),
        signed.secret().getMetadata().getName());
    if (now.isPresent() && !Owners.isOwnedBy(now.get(), request)) {
      return Outcome.NAME_TAKEN;
    }
    boolean older = now.flatMap(UrlSecret::read).map(held -> held.revision() < signed.issued().revision())
        .orElse(true);
    return now.isPresent() && older && secrets.writer().patch(now.get(), signed.fields()).isPresent()
        ? Outcome.WRITTEN : Outcome.CHANGED_MEANWHILE;
  }

  /**
   * Takes the URLs out, keeping the record of what was issued; false when the Secret changed meanwhile.
   *
   * @param why for the log, in words
   */
  boolean withdraw(Secret secret, String why) {
    if (secrets.writer().patch(secret, UrlSecret.withdrawn(secret)).isEmpty()) {
      return false;
    }
    log.info("Removed the URLs from Secret {}: {}", secret.getMetadata().getName(), why);
    return true;
  }

  /**
   * After spec.secretName changed, the Secret under the old name must not keep a URL, whatever becomes of
   * the new name (taken, refused, revoked): the operator made it, so it is deleted. False when one changed
   * meanwhile, so that the request is decided again from what is there now.
   */
  boolean removeFormer(SignedUrlRequest request, String secretName) {
    boolean settled = true;
    for (Secret former : secrets.owned().byIndexedLabel(request.getMetadata().getNamespace(),
        ManagedLabels.nameValue(request.getMetadata().getName()))) {
      if (former.getMetadata().getName().equals(secretName) || !Owners.isOwnedBy(former, request)) {
        continue;
      }
      switch (secrets.writer().delete(former)) {
        case DELETED -> log.info("Deleted Secret {}, which held this request's URLs under its former name",
            former.getMetadata().getName());
        case GONE -> log.debug("Secret {} of a former name was already gone", former.getMetadata().getName());
        case CHANGED -> settled = false;
      }
    }
    return settled;
  }
}
