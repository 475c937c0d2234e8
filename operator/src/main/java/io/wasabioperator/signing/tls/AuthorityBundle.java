package io.wasabioperator.signing.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The signing API's CAs, oldest first, each with the time it was first published: what the CA Secret holds,
 * as PEM certificates, PEM keys in the same order, and the publication times.
 */
public record AuthorityBundle(List<Published> authorities) {
  public static final String CERTIFICATES = "ca.crt";
  public static final String KEYS = "ca.key";
  public static final String PUBLISHED = "published-at";
  /** A new CA is valid from a little before it is made, for nodes whose clocks lag. */
  private static final Duration BACKDATE = Duration.ofMinutes(1);

  public record Published(CertificateMinter.Minted authority, Instant publishedAt) {
    CertificateSchedule.Authority schedule() {
      X509Certificate certificate = authority.certificate();
      return new CertificateSchedule.Authority(certificate.getNotBefore().toInstant(),
          certificate.getNotAfter().toInstant(), publishedAt);
    }
  }

  public AuthorityBundle {
    authorities = List.copyOf(authorities);
  }

  public List<X509Certificate> certificates() {
    return authorities.stream().map(p -> p.authority().certificate()).toList();
  }

  /** What the leader does to the bundle now. */
  public CertificateSchedule.Change change(Instant now, CertificateSchedule.Lifetimes lifetimes) {
    return CertificateSchedule.change(schedule(), now, lifetimes);
  }

  /** The CA that signs serving certificates now. */
  public CertificateMinter.Minted signer(Instant now, CertificateSchedule.Lifetimes lifetimes) {
    return authorities.get(CertificateSchedule.signer(schedule(), now, lifetimes)).authority();
  }

  /** The bundle after the change. */
  public AuthorityBundle apply(CertificateSchedule.Change change, Instant now, CertificateSchedule.Lifetimes lifetimes,
      String commonName) {
    List<Published> next = new ArrayList<>(authorities);
    switch (change) {
      case CREATE, ADD -> next.add(new Published(CertificateMinter.authority(commonName, now.minus(BACKDATE),
          now.plus(lifetimes.ca())), now));
      case DROP_OLDEST -> next.remove(0);
      case NONE -> { }
    }
    return new AuthorityBundle(next);
  }

  /** The Secret's data, base64 as the API carries it. */
  public Map<String, String> data() {
    Base64.Encoder base64 = Base64.getEncoder();
    return Map.of(
        CERTIFICATES, base64.encodeToString(Pem.certificates(certificates()).getBytes(StandardCharsets.US_ASCII)),
        KEYS, base64.encodeToString(Pem.privateKeys(authorities.stream()
            .map(p -> p.authority().keys().getPrivate()).toList()).getBytes(StandardCharsets.US_ASCII)),
        PUBLISHED, base64.encodeToString(authorities.stream().map(p -> p.publishedAt().toString())
            .collect(Collectors.joining(",")).getBytes(StandardCharsets.US_ASCII)));
  }

  /** From a Secret's data; empty when it holds no bundle, or one whose parts do not agree. */
  public static Optional<AuthorityBundle> read(Map<String, String> data) {
    if (data == null || !data.keySet().containsAll(List.of(CERTIFICATES, KEYS, PUBLISHED))) {
      return Optional.empty();
    }
    try {
      List<X509Certificate> certificates = Pem.readCertificates(decode(data.get(CERTIFICATES)));
      List<PrivateKey> keys = Pem.readEcPrivateKeys(decode(data.get(KEYS)));
      List<Instant> published = Arrays.stream(decode(data.get(PUBLISHED)).split(","))
          .filter(s -> !s.isBlank()).map(String::trim).map(Instant::parse).toList();
      if (certificates.isEmpty() || certificates.size() != keys.size() || keys.size() != published.size()) {
        return Optional.empty();
      }
      for (int i = 0; i < certificates.size(); i++) {
        if (!pairs(keys.get(i), certificates.get(i))) {
          return Optional.empty(); // a reordered or edited Secret: leaves would chain to no trusted CA
        }
      }
      List<Published> authorities = new ArrayList<>();
      for (int i = 0; i < certificates.size(); i++) {
        authorities.add(new Published(new CertificateMinter.Minted(new KeyPair(certificates.get(i).getPublicKey(),
            keys.get(i)), certificates.get(i)), published.get(i)));
      }
      return Optional.of(new AuthorityBundle(authorities));
    } catch (GeneralSecurityException | IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the key is the private half of the certificate's: it signs what the certificate's key verifies. */
  private static boolean pairs(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
    byte[] probe = "wasabi-operator signing CA".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(probe);
    return verifier.verify(signature);
  }

  private List<CertificateSchedule.Authority> schedule() {
    return authorities.stream().map(Published::schedule).toList();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
  }
}
