package io.wasabioperator.signing.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.wasabioperator.signing.tls.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * A serving certificate from files a Secret mounts ({@code tls.crt}, {@code tls.key}: cert-manager's Certificate,
 * or a TLS Secret of one's own), read again whenever they change. The kubelet replaces a mounted Secret by
 * swapping a symlink, so a read sees the old pair or the new one, never half of each; a pair that does not read
 * (a key that does not match) leaves the one held in use.
 */
public final class MountedCertificate extends HeldCertificate {
  public static final String CERTIFICATE_FILE = "tls.crt";
  public static final String KEY_FILE = "tls.key";

  private final Path directory;
  /** The files served now, as read: unchanged files are not parsed again. */
  private String served;

  public MountedCertificate(Path directory, Clock clock) {
    super(clock);
    this.directory = directory;
  }

  /** Reads the files; true when they changed and are now served. Throws, naming the problem, when they do not read. */
  public synchronized boolean refresh() {
    String certificates;
    String key;
    try {
      // Both from the one directory ..data points at now: a swap between the two reads cannot mix old and new.
      Path version = directory.resolve(CERTIFICATE_FILE).toRealPath().getParent();
      certificates = Files.readString(version.resolve(CERTIFICATE_FILE), StandardCharsets.US_ASCII);
      key = Files.readString(version.resolve(KEY_FILE), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + directory.resolve(CERTIFICATE_FILE) + " and " + KEY_FILE
          + " (" + e.getClass().getSimpleName() + "): mount the TLS Secret there");
    }
    String files = certificates + key;
    if (files.equals(served)) {
      return false;
    }
    List<X509Certificate> chain;
    PrivateKey privateKey;
    try {
      chain = Pem.readCertificates(certificates);
      privateKey = Pem.readPrivateKey(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the files in " + directory + " do not read: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new IllegalStateException(directory.resolve(CERTIFICATE_FILE) + " holds no certificate");
    }
    try {
      chain.get(0).checkValidity(java.util.Date.from(now()));
    } catch (java.security.cert.CertificateExpiredException | java.security.cert.CertificateNotYetValidException e) {
      throw new IllegalStateException("the certificate in " + directory.resolve(CERTIFICATE_FILE) + " is not valid now "
          + "(from " + chain.get(0).getNotBefore().toInstant() + " to " + chain.get(0).getNotAfter().toInstant() + ")");
    }
    if (!pairs(privateKey, chain.get(0))) {
      throw new IllegalStateException("the key in " + directory.resolve(KEY_FILE) + " does not match the certificate "
          + "in " + CERTIFICATE_FILE);
    }
    try {
      SslContext context = SslContextBuilder.forServer(privateKey, chain.toArray(X509Certificate[]::new))
          .sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2").build();
      serve(context, chain.get(0));
      served = files;
      return true;
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalStateException("the key in " + directory.resolve(KEY_FILE) + " does not match the certificate "
          + "in " + CERTIFICATE_FILE);
    }
  }

  /** Whether the key signs what the certificate's public key verifies. */
  private static boolean pairs(PrivateKey key, X509Certificate certificate) {
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> key.getAlgorithm();
    };
    try {
      byte[] probe = "wasabi-operator".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
