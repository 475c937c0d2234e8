package io.wasabioperator.signing.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Client TLS contexts for tests. */
public final class TestTls {
  private TestTls() {}

  /** A client that trusts these CAs and nothing else. */
  public static SSLContext clientTrusting(X509Certificate... authorities) throws GeneralSecurityException {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      for (int i = 0; i < authorities.length; i++) {
        trusted.setCertificateEntry("ca-" + i, authorities[i]);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("an empty in-memory key store loads", e);
    }
  }
}
