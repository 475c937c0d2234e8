package io.wasabioperator.signing.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text of certificates and EC private keys (PKCS #8), as Secrets and ConfigMaps carry them. */
public final class Pem {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private Pem() {}

  public static String certificates(List<X509Certificate> certificates) {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      try {
        pem.append(block("CERTIFICATE", certificate.getEncoded()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("a parsed certificate encodes", e);
      }
    }
    return pem.toString();
  }

  public static String privateKeys(List<PrivateKey> keys) {
    StringBuilder pem = new StringBuilder();
    keys.forEach(key -> pem.append(block("PRIVATE KEY", key.getEncoded())));
    return pem.toString();
  }

  /** The certificates of the text, in order; a block that does not parse fails the whole. */
  public static List<X509Certificate> readCertificates(String pem) throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certificates = new ArrayList<>();
    for (byte[] der : blocks(pem, "CERTIFICATE")) {
      certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
    }
    return certificates;
  }

  /** The EC private keys of the text, in order. */
  public static List<PrivateKey> readEcPrivateKeys(String pem) throws GeneralSecurityException {
    KeyFactory factory = KeyFactory.getInstance("EC");
    List<PrivateKey> keys = new ArrayList<>();
    for (byte[] der : blocks(pem, "PRIVATE KEY")) {
      keys.add(factory.generatePrivate(new PKCS8EncodedKeySpec(der)));
    }
    return keys;
  }

  /**
   * The private key of the text, in PKCS#8 ({@code BEGIN PRIVATE KEY}), EC or RSA. PKCS#1 and SEC1 keys are
   * refused with what to change: the JDK reads PKCS#8 alone.
   */
  public static PrivateKey readPrivateKey(String pem) throws GeneralSecurityException {
    List<byte[]> keys = blocks(pem, "PRIVATE KEY");
    if (keys.size() != 1) {
      boolean other = pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY");
      throw new GeneralSecurityException(other ? "the key is in PKCS#1 or SEC1 form; write it as PKCS#8 (a "
          + "cert-manager Certificate's privateKey.encoding: PKCS8, or openssl pkcs8 -topk8 -nocrypt)"
          : "expected one PKCS#8 private key (BEGIN PRIVATE KEY), found " + keys.size());
    }
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(keys.get(0)));
      } catch (java.security.spec.InvalidKeySpecException e) {
        // another algorithm's key
      }
    }
    throw new GeneralSecurityException("the private key is not an EC, RSA or Ed25519 key");
  }

  private static List<byte[]> blocks(String pem, String type) throws GeneralSecurityException {
    List<byte[]> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(pem);
    while (matcher.find()) {
      if (matcher.group(1).equals(type)) {
        try {
          blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
        } catch (IllegalArgumentException e) {
          throw new GeneralSecurityException("a " + type + " block is not base64");
        }
      }
    }
    return blocks;
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
