package io.wasabioperator.signing.http;

import io.netty.handler.ssl.SslContext;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;

/** The certificate served now, however it was made: swapped whole, so a connection sees one or the other. */
abstract class HeldCertificate implements ServingIdentity {
  private record Held(SslContext context, X509Certificate leaf) {}

  private final Clock clock;
  private volatile Held held;

  HeldCertificate(Clock clock) {
    this.clock = clock;
  }

  final java.time.Instant now() {
    return clock.instant();
  }

  /** From the next connection on, this context and its certificate. */
  final void serve(SslContext context, X509Certificate leaf) {
    held = new Held(context, leaf);
  }

  @Override
  public final boolean ready() {
    Held current = held;
    return current != null && clock.instant().isBefore(current.leaf().getNotAfter().toInstant());
  }

  @Override
  public final Optional<X509Certificate> certificate() {
    return Optional.ofNullable(held).map(Held::leaf);
  }

  /** The TLS context for the next connection. */
  @Override
  public final SslContext get() {
    Held current = held;
    if (current == null) {
      throw new IllegalStateException("no serving certificate yet");
    }
    return current.context();
  }
}
