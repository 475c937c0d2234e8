package io.wasabioperator.signing.http;

import io.netty.handler.ssl.SslContext;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Supplier;

/** What the signing API serves with: the TLS context for the next connection, and whether it has a valid one. */
public interface ServingIdentity extends Supplier<SslContext> {
  /** A certificate to serve with that has not expired: the replica is not ready otherwise. */
  boolean ready();

  Optional<X509Certificate> certificate();
}
