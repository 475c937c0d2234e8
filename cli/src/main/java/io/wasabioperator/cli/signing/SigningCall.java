package io.wasabioperator.cli.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wasabioperator.cli.CliException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/** One call to the signing API over HTTPS, trusting only the operator's published CA. */
public final class SigningCall {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DNS_NAME = 2;

  /** The answer's status and JSON. */
  public record Reply(int status, JsonNode body) {}

  private SigningCall() {}

  /**
   * @param caPem the CAs to trust alone; empty: the JVM's
   * @param serverName the name the server's certificate must carry when the address is not it (a port-forward
   *     to localhost reaches the Service); empty: the address's host, as HTTPS checks it
   */
  public static Reply post(URI uri, Optional<String> serverName, Optional<String> caPem, String token, String body) {
    try {
      HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection();
      // The operator's own CA when it has one; otherwise the JVM's trusted CAs (a cert-manager issuer's, say).
      if (caPem.isPresent()) {
        connection.setSSLSocketFactory(trusting(caPem.get()).getSocketFactory());
      }
      // Asked only when the address's host is not in the certificate: then the Service's name must be.
      serverName.ifPresent(name -> connection.setHostnameVerifier((host, session) -> {
        try {
          return names((X509Certificate) session.getPeerCertificates()[0]).contains(name);
        } catch (SSLPeerUnverifiedException | CertificateParsingException e) {
          return false;
        }
      }));
      connection.setConnectTimeout(10_000);
      connection.setReadTimeout(30_000);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setRequestProperty("Authorization", "Bearer " + token);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      connection.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(bytes);
      }
      int status = connection.getResponseCode();
      try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        return new Reply(status, in == null ? JSON.createObjectNode() : JSON.readTree(in));
      }
    } catch (IOException e) {
      // The message names the address and what failed (a refused connection, a certificate not trusted).
      throw CliException.error("the call to the signing API at " + uri.getHost() + ":" + uri.getPort()
          + " failed: " + e.getMessage());
    }
  }

  private static SSLContext trusting(String caPem) {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      Collection<? extends Certificate> authorities = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
      int i = 0;
      for (Certificate authority : authorities) {
        trusted.setCertificateEntry("ca-" + i++, authority);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw CliException.error("the signing CA cannot be read: " + e.getMessage());
    }
  }

  private static List<String> names(X509Certificate certificate) throws CertificateParsingException {
    Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
    return alternatives == null ? List.of() : alternatives.stream()
        .filter(name -> Integer.valueOf(DNS_NAME).equals(name.get(0))).map(name -> (String) name.get(1)).toList();
  }
}
