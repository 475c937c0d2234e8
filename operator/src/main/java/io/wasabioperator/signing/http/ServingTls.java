package io.wasabioperator.signing.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.wasabioperator.signing.tls.CertificateMinter;
import javax.net.ssl.SSLException;

/** The server's TLS context for a serving certificate: the JDK's TLS, the leaf sent with the CA that issued it. */
public final class ServingTls {
  private ServingTls() {}

  public static SslContext of(CertificateMinter.Minted leaf, CertificateMinter.Minted authority) {
    try {
      return SslContextBuilder.forServer(leaf.keys().getPrivate(), leaf.certificate(), authority.certificate())
          .sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2").build();
    } catch (SSLException e) {
      throw new IllegalStateException("a minted key pair and certificate make a TLS context", e);
    }
  }
}
