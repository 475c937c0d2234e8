package io.wasabioperator.signing.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When the signing API's CA and serving certificates are made, renewed and dropped, so that no client ever
 * holds a bundle that lacks the CA of the certificate it is shown. Pure.
 *
 * <ul>
 *   <li>A CA is renewed at {@link Lifetimes#renewAt} of its life: the leader adds a new CA beside it, and
 *       both are published.</li>
 *   <li>Leaves are minted from the new CA only once it has been published for a leaf's lifetime, so that
 *       clients that refresh their bundle as often as leaves are renewed have it.</li>
 *   <li>The old CA is dropped once no leaf it signed can still be valid: a leaf's lifetime after the
 *       switch.</li>
 *   <li>A pod renews its serving certificate at {@link Lifetimes#renewAt} of its life, or at once when the
 *       CA that should sign it changed.</li>
 * </ul>
 */
public final class CertificateSchedule {
  private CertificateSchedule() {}

  /** @param renewAt the fraction of a certificate's life after which it is renewed (two thirds by default) */
  public record Lifetimes(Duration ca, Duration leaf, double renewAt) {
    public static final Lifetimes DEFAULT = new Lifetimes(Duration.ofDays(365), Duration.ofDays(1), 2.0 / 3);

    public Lifetimes {
      if (leaf.multipliedBy(3).compareTo(ca) > 0) {
        throw new IllegalArgumentException("a CA must live at least three times as long as a serving certificate, "
            + "for the overlap of a rotation: " + ca + " and " + leaf);
      }
      if (renewAt <= 0 || renewAt >= 1) {
        throw new IllegalArgumentException("renewal comes during a certificate's life, not " + renewAt);
      }
    }
  }

  /** A CA of the bundle: its validity, and when it was first published. */
  public record Authority(Instant notBefore, Instant notAfter, Instant publishedAt) {}

  /** What the leader does to the bundle now. */
  public enum Change {
    /** There is no CA yet. */
    CREATE,
    /** The newest CA is at its renewal point: publish a new one beside it. */
    ADD,
    /** The oldest CA signs no leaf that can still be valid (or has expired): drop it. */
    DROP_OLDEST,
    NONE
  }

  /** @param bundle the published CAs, oldest first */
  public static Change change(List<Authority> bundle, Instant now, Lifetimes lifetimes) {
    if (bundle.isEmpty()) {
      return Change.CREATE;
    }
    Authority oldest = bundle.get(0);
    if (bundle.size() > 1 && (!now.isBefore(oldest.notAfter())
        || !now.isBefore(bundle.get(1).publishedAt().plus(lifetimes.leaf().multipliedBy(2))))) {
      return Change.DROP_OLDEST;
    }
    // From its publication, not its notBefore: that is backdated for clients whose clocks lag, and with short
    // lifetimes the backdating would put the renewal point at once.
    Authority newest = bundle.get(bundle.size() - 1);
    return !now.isBefore(renewal(newest.publishedAt(), newest.notAfter(), lifetimes)) ? Change.ADD : Change.NONE;
  }

  /** Which CA of the bundle (oldest first) signs serving certificates now: the newest published for a leaf's life. */
  public static int signer(List<Authority> bundle, Instant now, Lifetimes lifetimes) {
    for (int i = bundle.size() - 1; i > 0; i--) {
      if (!now.isBefore(bundle.get(i).publishedAt().plus(lifetimes.leaf()))) {
        return i;
      }
    }
    return 0;
  }

  /** When a certificate valid from {@code notBefore} to {@code notAfter} is renewed. */
  public static Instant renewal(Instant notBefore, Instant notAfter, Lifetimes lifetimes) {
    long life = Duration.between(notBefore, notAfter).toMillis();
    return notBefore.plusMillis((long) (life * lifetimes.renewAt()));
  }
}
