package io.wasabioperator.signing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasabioperator.signing.tls.AuthorityBundle;
import io.wasabioperator.signing.tls.CertificateSchedule;
import io.wasabioperator.signing.tls.TestTls;
import io.wasabioperator.testsupport.MovableClock;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Serving certificates renewed while the server serves. Java's TLS checks validity against the real clock, so
 * the renewal test runs in real time with lifetimes of seconds, and the rotation test moves the clock by less
 * than the minute certificates are backdated.
 */
@Timeout(60)
class ServingCertificateTest {
  private static final ServerLimits LIMITS = new ServerLimits(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), 1024, 2,
      8, 64, 64, 1 << 20);

  private static CallHandler<String> answering() {
    return new CallHandler<>() {
      @Override
      public Admission<String> admit(Head head) {
        return new Admission.Admitted<>("caller");
      }

      @Override
      public Answer answer(Head head, String caller, byte[] body) {
        return Answer.json(200, "{}");
      }
    };
  }

  private static X509Certificate served(int port, X509Certificate... trusted) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(TestTls.clientTrusting(trusted)).build();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
  }

  private static SigningServer serve(ServingCertificate serving) throws InterruptedException {
    return SigningServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), serving, LIMITS,
        answering());
  }

  @Test
  void mintedOnceThenAgainAtTheRenewalPoint() {
    MovableClock clock = new MovableClock();
    CertificateSchedule.Lifetimes lifetimes = CertificateSchedule.Lifetimes.DEFAULT;
    AuthorityBundle bundle = new AuthorityBundle(List.of()).apply(CertificateSchedule.Change.CREATE,
        clock.instant(), lifetimes, "signing CA");
    ServingCertificate serving = new ServingCertificate(List.of("signing.operator.svc", "127.0.0.1"), lifetimes,
        clock);
    assertThat(serving.ready()).isFalse();
    assertThatThrownBy(serving::get).isInstanceOf(IllegalStateException.class);

    assertThat(serving.refresh(bundle)).isTrue();
    BigInteger first = serving.certificate().orElseThrow().getSerialNumber();
    assertThat(serving.ready()).isTrue();
    assertThat(serving.refresh(bundle)).as("not due").isFalse();

    clock.moveBy(Duration.ofHours(16));
    assertThat(serving.refresh(bundle)).as("two thirds of a day").isTrue();
    assertThat(serving.certificate().orElseThrow().getSerialNumber()).isNotEqualTo(first);
  }

  @Test
  void renewsWhileServingWithoutARestart() throws Exception {
    CertificateSchedule.Lifetimes seconds = new CertificateSchedule.Lifetimes(Duration.ofSeconds(60),
        Duration.ofSeconds(3), 2.0 / 3);
    AuthorityBundle bundle = new AuthorityBundle(List.of()).apply(CertificateSchedule.Change.CREATE,
        Clock.systemUTC().instant(), seconds, "signing CA");
    ServingCertificate serving = new ServingCertificate(List.of("localhost"), seconds, Clock.systemUTC());
    serving.refresh(bundle);
    ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();
    renewer.scheduleWithFixedDelay(() -> serving.refresh(bundle), 100, 100, TimeUnit.MILLISECONDS);
    try (SigningServer server = serve(serving)) {
      Set<BigInteger> seen = new HashSet<>();
      // A call every quarter second on a new connection, each served, until a renewed certificate is seen.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
          .until(() -> {
            seen.add(served(server.port(), bundle.certificates().get(0)).getSerialNumber());
            return seen.size() >= 2;
          });
      assertThat(seen).as("renewed every two seconds, every call served").hasSizeGreaterThanOrEqualTo(2);
    } finally {
      renewer.shutdownNow();
    }
  }

  @Test
  void duringARotationClientsWithTheOldBundleAndTheNewOneConnectAndAfterItTheNewOne() throws Exception {
    MovableClock clock = new MovableClock();
    CertificateSchedule.Lifetimes lifetimes = new CertificateSchedule.Lifetimes(Duration.ofSeconds(60),
        Duration.ofSeconds(15), 2.0 / 3);
    AuthorityBundle first = new AuthorityBundle(List.of()).apply(CertificateSchedule.Change.CREATE,
        clock.instant(), lifetimes, "CA 1");
    ServingCertificate serving = new ServingCertificate(List.of("localhost"), lifetimes, clock);
    serving.refresh(first);
    X509Certificate oldCa = first.certificates().get(0);

    try (SigningServer server = serve(serving)) {
      clock.moveBy(Duration.ofSeconds(41));
      assertThat(first.change(clock.instant(), lifetimes)).isEqualTo(CertificateSchedule.Change.ADD);
      AuthorityBundle both = first.apply(CertificateSchedule.Change.ADD, clock.instant(), lifetimes, "CA 2");
      X509Certificate newCa = both.certificates().get(1);
      serving.refresh(both);
      assertThat(served(server.port(), oldCa).getIssuerX500Principal()).isEqualTo(oldCa.getSubjectX500Principal());
      assertThat(served(server.port(), oldCa, newCa).getIssuerX500Principal())
          .isEqualTo(oldCa.getSubjectX500Principal());

      clock.moveBy(lifetimes.leaf());
      assertThat(serving.refresh(both)).as("the new CA signs now").isTrue();
      assertThat(served(server.port(), newCa).getIssuerX500Principal()).isEqualTo(newCa.getSubjectX500Principal());
      assertThat(served(server.port(), oldCa, newCa).getIssuerX500Principal())
          .isEqualTo(newCa.getSubjectX500Principal());
      assertThatThrownBy(() -> served(server.port(), oldCa)).as("a bundle never refreshed")
          .isInstanceOf(SSLHandshakeException.class);
    }
  }
}
