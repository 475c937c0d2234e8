package io.wasabioperator.signing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wasabioperator.signing.http.Answer;
import io.wasabioperator.signing.http.CallHandler;
import io.wasabioperator.signing.http.Head;
import io.wasabioperator.signing.http.MountedCertificate;
import io.wasabioperator.signing.http.ServerLimits;
import io.wasabioperator.signing.http.SigningServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate from a mounted TLS Secret, replaced as the kubelet replaces a mounted Secret: the new files in a
 * new timestamped directory, the {@code ..data} symlink swapped to it in one rename, the old directory removed.
 */
@Timeout(30)
class MountedTlsTest {
  private static final Instant NOW = Instant.now();
  private static final CertificateMinter.Minted CA = CertificateMinter.authority("issuer CA", NOW.minusSeconds(60),
      NOW.plus(Duration.ofDays(1)));
  private static final ServerLimits LIMITS = new ServerLimits(Duration.ofSeconds(2), Duration.ofSeconds(2),
      Duration.ofSeconds(2), 1024, 2, 2, 16, 16, 1 << 20);

  @TempDir
  Path mount;

  @Test
  void aRenewedSecretIsServedFromTheNextConnectionWithoutARestart() throws Exception {
    CertificateMinter.Minted first = leaf();
    write("..2026_12_07_01", first, true);
    MountedCertificate certificate = new MountedCertificate(mount, Clock.systemUTC());
    try (MountedTls tls = new MountedTls(certificate, Duration.ofMillis(100))) {
      tls.start();
      assertThat(certificate.ready()).isTrue();
      try (SigningServer server = SigningServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          certificate, LIMITS, refusingEverything())) {
        assertThat(served(server.port())).isEqualTo(first.certificate().getSerialNumber());

        CertificateMinter.Minted second = leaf();
        write("..2026_12_07_02", second, false);
        await("the renewed certificate served").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
            .until(() -> served(server.port()).equals(second.certificate().getSerialNumber()));

        // A pair that does not match leaves the one held in use.
        CertificateMinter.Minted third = leaf();
        CertificateMinter.Minted stranger = leaf();
        write("..2026_12_07_03", new CertificateMinter.Minted(stranger.keys(), third.certificate()), false);
        assertThatThrownBy(certificate::refresh).hasMessageContaining("does not match");
        assertThat(served(server.port())).isEqualTo(second.certificate().getSerialNumber());

        // Nor does a certificate that is not valid now (expired, say): the pod would only turn unready.
        CertificateMinter.Minted expired = CertificateMinter.serving(CA, List.of("localhost"),
            NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)));
        write("..2026_12_07_04", expired, false);
        assertThatThrownBy(certificate::refresh).hasMessageContaining("is not valid now");
        assertThat(served(server.port())).isEqualTo(second.certificate().getSerialNumber());
        assertThat(certificate.ready()).isTrue();
      }
    }
  }

  private static CertificateMinter.Minted leaf() {
    return CertificateMinter.serving(CA, List.of("localhost"), NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)));
  }

  /** The kubelet's layout: a timestamped directory, ..data pointing at it, the keys' names pointing into ..data. */
  private void write(String version, CertificateMinter.Minted pair, boolean first) throws Exception {
    Path directory = Files.createDirectory(mount.resolve(version));
    Files.writeString(directory.resolve(MountedCertificate.CERTIFICATE_FILE),
        Pem.certificates(List.of(pair.certificate(), CA.certificate())), StandardCharsets.US_ASCII);
    Files.writeString(directory.resolve(MountedCertificate.KEY_FILE),
        Pem.privateKeys(List.of(pair.keys().getPrivate())), StandardCharsets.US_ASCII);
    Path link = Files.createSymbolicLink(mount.resolve("..data_tmp"), Path.of(version));
    Path previous = first ? null : Files.readSymbolicLink(mount.resolve("..data"));
    Files.move(link, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (first) {
      Files.createSymbolicLink(mount.resolve(MountedCertificate.CERTIFICATE_FILE),
          Path.of("..data", MountedCertificate.CERTIFICATE_FILE));
      Files.createSymbolicLink(mount.resolve(MountedCertificate.KEY_FILE), Path.of("..data", MountedCertificate.KEY_FILE));
    } else {
      try (var old = Files.list(mount.resolve(previous))) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(mount.resolve(previous));
    }
  }

  private static BigInteger served(int port) throws Exception {
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
         SSLSocket socket = (SSLSocket) TestTls.clientTrusting(CA.certificate()).getSocketFactory()
             .createSocket(plain, "localhost", port, true)) {
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  private static CallHandler<String> refusingEverything() {
    return new CallHandler<>() {
      @Override
      public Admission<String> admit(Head head) {
        return new Admission.Refused<>(Answer.json(401, "{}"));
      }

      @Override
      public Answer answer(Head head, String admitted, byte[] body) {
        return Answer.json(500, "{}");
      }
    };
  }
}
