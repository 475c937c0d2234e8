package io.wasabioperator.signing.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Mints the signing API's certificates: a CA, and serving certificates it signs for the names clients
 * connect to (DNS names and IP addresses as subject alternative names). ECDSA P-256 with SHA-256, which
 * every TLS client supports; keys live in memory only. Written with {@link Der}, since Java 17 has no
 * public API to write certificates.
 */
public final class CertificateMinter {
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String SUBJECT_KEY_ID = "2.5.29.14";
  private static final String AUTHORITY_KEY_ID = "2.5.29.35";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_CERT_SIGN = 5;
  private static final int CRL_SIGN = 6;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateMinter() {}

  /** A key pair and the certificate for its public key. */
  public record Minted(KeyPair keys, X509Certificate certificate) {}

  /** A self-signed CA that may sign serving certificates and nothing below them. */
  public static Minted authority(String commonName, Instant notBefore, Instant notAfter) {
    KeyPair keys = newKeys();
    byte[] name = name(commonName);
    byte[] extensions = Der.sequence(
        extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true), Der.integer(BigInteger.ZERO))),
        extension(KEY_USAGE, true, Der.namedBits(KEY_CERT_SIGN, CRL_SIGN)),
        extension(SUBJECT_KEY_ID, false, Der.octetString(keyId(keys.getPublic()))));
    return new Minted(keys, sign(tbs(name, name, keys.getPublic(), notBefore, notAfter, extensions), keys.getPrivate()));
  }

  /**
   * A serving certificate for {@code names}, signed by {@code authority}.
   *
   * @param names DNS names (the Service's, localhost) and IP address literals (127.0.0.1)
   */
  public static Minted serving(Minted authority, List<String> names, Instant notBefore, Instant notAfter) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a serving certificate needs at least one name");
    }
    KeyPair keys = newKeys();
    List<byte[]> alternatives = new ArrayList<>();
    for (String name : names) {
      alternatives.add(isAddress(name) ? Der.implicitPrimitive(7, address(name))
          : Der.implicitPrimitive(2, name.getBytes(StandardCharsets.US_ASCII)));
    }
    byte[] extensions = Der.sequence(
        extension(BASIC_CONSTRAINTS, true, Der.sequence()),
        extension(KEY_USAGE, true, Der.namedBits(DIGITAL_SIGNATURE)),
        extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))),
        extension(SUBJECT_ALT_NAME, false, Der.sequence(alternatives.toArray(byte[][]::new))),
        extension(SUBJECT_KEY_ID, false, Der.octetString(keyId(keys.getPublic()))),
        extension(AUTHORITY_KEY_ID, false,
            Der.sequence(Der.implicitPrimitive(0, keyId(authority.certificate().getPublicKey())))));
    // The issuer is the CA's subject, byte for byte, so that clients chain the two.
    byte[] issuer = authority.certificate().getSubjectX500Principal().getEncoded();
    return new Minted(keys, sign(tbs(issuer, name(names.get(0)), keys.getPublic(), notBefore, notAfter, extensions),
        authority.keys().getPrivate()));
  }

  private static byte[] tbs(byte[] issuer, byte[] subject, PublicKey key, Instant notBefore, Instant notAfter,
      byte[] extensions) {
    return Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.TWO)),
        Der.integer(new BigInteger(127, RANDOM).setBit(126)),
        Der.sequence(Der.oid(ECDSA_WITH_SHA256)),
        issuer,
        Der.sequence(Der.time(notBefore), Der.time(notAfter)),
        subject,
        key.getEncoded(),
        Der.explicit(3, extensions));
  }

  private static X509Certificate sign(byte[] tbs, PrivateKey signer) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(signer);
      signature.update(tbs);
      byte[] certificate = Der.sequence(tbs, Der.sequence(Der.oid(ECDSA_WITH_SHA256)),
          Der.bitString(signature.sign()));
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(certificate));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA with SHA-256 and X.509 are part of every JVM", e);
    }
  }

  private static byte[] name(String commonName) {
    return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  /** RFC 5280's method (1) loosely: the SHA-1 of the encoded key, which names it uniquely. */
  private static byte[] keyId(PublicKey key) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(key.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is part of every JVM", e);
    }
  }

  private static KeyPair newKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 keys are part of every JVM", e);
    }
  }

  private static boolean isAddress(String name) {
    return IPV4.matcher(name).matches() || name.contains(":");
  }

  /** An IP literal's bytes; only literals come here, so nothing is looked up. */
  private static byte[] address(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + literal + "' is not an IP address", e);
    }
  }
}
