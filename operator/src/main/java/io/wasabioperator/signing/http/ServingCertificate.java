package io.wasabioperator.signing.http;

import io.wasabioperator.signing.tls.AuthorityBundle;
import io.wasabioperator.signing.tls.CertificateMinter;
import io.wasabioperator.signing.tls.CertificateSchedule;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * This pod's serving certificate, minted in memory from the CA that signs now: renewed at the schedule's point
 * of its life, or at once when another CA of the bundle took over signing. Nothing is written and nothing
 * restarts; the server takes the new one from the next connection on.
 */
public final class ServingCertificate extends HeldCertificate {
  /** Valid from a little before it is made, for clients whose clocks lag. */
  private static final Duration BACKDATE = Duration.ofMinutes(1);

  /** What the certificate served now was minted from, and when it is due. */
  private record Minted(X509Certificate issuer, Instant renewAt) {}

  private final List<String> names;
  private final CertificateSchedule.Lifetimes lifetimes;
  private Minted current;

  /** @param names the DNS names and IP addresses clients connect to */
  public ServingCertificate(List<String> names, CertificateSchedule.Lifetimes lifetimes, Clock clock) {
    super(clock);
    this.names = List.copyOf(names);
    this.lifetimes = lifetimes;
  }

  /** Mints a certificate when one is due; true when it did. */
  public synchronized boolean refresh(AuthorityBundle bundle) {
    Instant now = now();
    CertificateMinter.Minted signer = bundle.signer(now, lifetimes);
    Minted held = current;
    if (held != null && held.issuer().equals(signer.certificate()) && now.isBefore(held.renewAt())) {
      return false;
    }
    Instant caEnds = signer.certificate().getNotAfter().toInstant();
    Instant notAfter = now.plus(lifetimes.leaf()).isBefore(caEnds) ? now.plus(lifetimes.leaf()) : caEnds;
    // Never valid before its CA: strict clients refuse a leaf that is.
    Instant caBegins = signer.certificate().getNotBefore().toInstant();
    Instant notBefore = now.minus(BACKDATE).isBefore(caBegins) ? caBegins : now.minus(BACKDATE);
    CertificateMinter.Minted leaf = CertificateMinter.serving(signer, names, notBefore, notAfter);
    serve(ServingTls.of(leaf, signer), leaf.certificate());
    current = new Minted(signer.certificate(), CertificateSchedule.renewal(now, notAfter, lifetimes));
    return true;
  }
}
