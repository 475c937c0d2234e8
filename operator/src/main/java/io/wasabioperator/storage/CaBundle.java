package io.wasabioperator.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * CA certificates the administrator adds to the JVM's trust, for S3-compatible endpoints whose
 * certificates a private CA issued. Read once, at start.
 *
 * @param source the PEM file they were read from
 * @param certificates one or more
 */
public record CaBundle(Path source, List<X509Certificate> certificates) {
  /** The operator setting that names the file, named in messages that tell how to trust a private CA. */
  public static final String SETTING = "WASABI_OPERATOR_CA_BUNDLE";

  public CaBundle {
    certificates = List.copyOf(certificates);
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no certificate; write one or more PEM blocks "
          + "(-----BEGIN CERTIFICATE-----) of the CAs to trust");
    }
  }

  /** Reads every certificate of a PEM file; throws {@link IllegalArgumentException} saying what is wrong. */
  public static CaBundle load(Path file) {
    byte[] pem;
    try {
      pem = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + " does not exist");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(file + " is not readable by the operator");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + " (" + e.getMessage() + ")");
    }
    try {
      return new CaBundle(file, CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem)).stream()
          .map(X509Certificate.class::cast)
          .toList());
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + " is not a PEM file of certificates ("
          + String.valueOf(e.getMessage()).replaceAll("\\s+", " ") + ")");
    }
  }

  /**
   * Trust managers that accept a chain ending in one of the JVM's trusted CAs or in one of this bundle's.
   * One manager over both sets rather than two tried in turn: a chain may pass through both, and the
   * JVM's own checks (host name, algorithm constraints) then run as they do by default.
   */
  public TrustManager[] trustManagers() {
    try {
      List<X509Certificate> anchors = new ArrayList<>(Arrays.asList(jvmTrustManager().getAcceptedIssuers()));
      anchors.addAll(certificates);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < anchors.size(); i++) {
        store.setCertificateEntry("ca-" + i, anchors.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store from the JVM's CAs and " + source, e);
    }
  }

  private static X509TrustManager jvmTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return Arrays.stream(factory.getTrustManagers())
        .filter(X509TrustManager.class::isInstance)
        .map(X509TrustManager.class::cast)
        .findFirst()
        .orElseThrow(() -> new GeneralSecurityException("the JVM has no X.509 trust manager"));
  }

  @Override
  public String toString() {
    return certificates.size() + " CA certificate" + (certificates.size() == 1 ? "" : "s") + " from " + source;
  }
}
