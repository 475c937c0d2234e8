package io.wasabioperator.signing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.ssl.SslContext;
import io.wasabioperator.signing.tls.CertificateMinter;
import io.wasabioperator.signing.tls.TestTls;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server over real HTTPS: the two steps, the body limit, the deadlines, the worker bound, renewed certificates. */
@Timeout(60) // a client that waits for an answer that never comes fails the test, not the build
class SigningServerTest {
  private static final Instant NOW = Instant.now();
  private static final CertificateMinter.Minted CA = CertificateMinter.authority("signing CA", NOW.minusSeconds(60),
      NOW.plus(Duration.ofDays(1)));
  private static final ServerLimits LIMITS = new ServerLimits(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500), 1024,
      2, 2, 64, 64, 1500);

  private final AtomicInteger answered = new AtomicInteger();
  /** The answers the server gave on its own, as the handler was told of them. */
  private final java.util.List<String> byServer = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicReference<SslContext> tls = new AtomicReference<>(leaf());
  private SigningServer server;

  private static SslContext leaf() {
    return ServingTls.of(CertificateMinter.serving(CA, List.of("localhost"), NOW.minusSeconds(60),
        NOW.plus(Duration.ofHours(1))), CA);
  }

  /** Admits a call whose Authorization is "Bearer good" and answers with what it got; blocks on "wait". */
  private CallHandler<String> handler(CountDownLatch release) {
    return new CallHandler<>() {
      @Override
      public Admission<String> admit(Head head) {
        return head.authorization().filter("Bearer good"::equals).<Admission<String>>map(a -> new Admission.Admitted<>(
            "caller")).orElseGet(() -> new Admission.Refused<>(Answer.json(401, "{\"reason\":\"Unauthorized\"}")));
      }

      @Override
      public Answer answer(Head head, String caller, byte[] body) {
        answered.incrementAndGet();
        if (new String(body, StandardCharsets.UTF_8).equals("wait")) {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return Answer.json(200, "{\"caller\":\"" + caller + "\",\"path\":\"" + head.path() + "\",\"bytes\":"
            + body.length + "}").withHeader("X-Method", head.method());
      }

      @Override
      public void answeredByServer(int status, String reason) {
        byServer.add(status + " " + reason);
      }
    };
  }

  private int start(CallHandler<String> handler) throws InterruptedException {
    return start(handler, LIMITS);
  }

  private int start(CallHandler<String> handler, ServerLimits limits) throws InterruptedException {
    server = SigningServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), tls::get, limits,
        handler);
    return server.port();
  }

  private static SSLSocket connect(int port) throws Exception {
    Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
    SSLSocket socket = (SSLSocket) TestTls.clientTrusting(CA.certificate()).getSocketFactory()
        .createSocket(plain, "localhost", port, true);
    socket.setSoTimeout(5_000);
    return socket;
  }

  @Test
  void connectionsFromOneSourceBeyondTheLimitAreClosedAsTheyOpen() throws Exception {
    int port = start(handler(new CountDownLatch(0)), new ServerLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
        1024, 2, 2, 64, 2, 1500));
    try (SSLSocket first = connect(port); SSLSocket second = connect(port)) {
      first.startHandshake();
      second.startHandshake();
      try (SSLSocket third = connect(port)) {
        org.assertj.core.api.Assertions.assertThatThrownBy(third::startHandshake).as("closed before TLS")
            .isInstanceOf(java.io.IOException.class);
      }
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(post(client(), port, "good", "{}").statusCode()).as("room again once they close").isEqualTo(200));
  }

  @Test
  void bodiesBeyondTheSharedBudgetAreAnswered503() throws Exception {
    int port = start(handler(new CountDownLatch(0)), new ServerLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
        1024, 2, 2, 64, 8, 1500));
    String head = "POST /v1alpha1/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer good\r\n"
        + "Content-Length: 1024\r\n\r\n";
    try (SSLSocket holding = connect(port)) {
      holding.getOutputStream().write((head + "x".repeat(1000)).getBytes(StandardCharsets.US_ASCII));
      holding.getOutputStream().flush();
      // Admitted, and its 1,000 bytes held while the rest is awaited.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> server.bufferedBodyBytes() == 1000);

      Sent refused = send(port, head + "y".repeat(1000));

      assertThat(refused.received()).startsWith("HTTP/1.1 503 ").contains("Retry-After: 1");
    }
    assertThat(post(client(), port, "good", "x".repeat(1000)).statusCode()).as("released when it closed")
        .isEqualTo(200);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static HttpClient client() throws Exception {
    return HttpClient.newBuilder().sslContext(TestTls.clientTrusting(CA.certificate()))
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static HttpResponse<String> post(HttpClient client, int port, String token, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/v1alpha1/x"))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAdmittedCallIsAnsweredWithItsBodyAndARefusedOneNeverHasItsBodyRead() throws Exception {
    int port = start(handler(new CountDownLatch(0)));
    HttpClient client = client();

    HttpResponse<String> ok = post(client, port, "good", "{\"keys\":[\"a\"]}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("{\"caller\":\"caller\",\"path\":\"/v1alpha1/x\",\"bytes\":14}");
    assertThat(ok.headers().firstValue("X-Method")).contains("POST");
    assertThat(ok.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(post(client, port, "good", "again").statusCode()).as("a kept-alive connection serves on").isEqualTo(200);

    HttpResponse<String> refused = post(client, port, "bad", "{\"keys\":[\"a\"]}");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(answered).hasValue(2);
  }

  @Test
  void aCallerThatWaitsFor100ContinueIsToldToSendOnlyOnceAdmitted() throws Exception {
    int port = start(handler(new CountDownLatch(0)));
    HttpClient client = client();
    HttpRequest.Builder call = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/v1alpha1/x"))
        .expectContinue(true).POST(HttpRequest.BodyPublishers.ofString("{\"keys\":[\"a\"]}"));

    HttpResponse<String> admitted = client.send(call.header("Authorization", "Bearer good").build(),
        HttpResponse.BodyHandlers.ofString());
    // Java 17's client waits forever for a 100 that does not come, so the refusal is read off a socket.
    Sent refused = send(port, "POST /v1alpha1/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer bad\r\n"
        + "Expect: 100-continue\r\nContent-Length: 14\r\n\r\n");

    assertThat(admitted.statusCode()).isEqualTo(200);
    assertThat(admitted.body()).contains("\"bytes\":14");
    assertThat(refused.received()).startsWith("HTTP/1.1 401 ").doesNotContain("100 Continue");
    assertThat(answered).hasValue(1);
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413() throws Exception {
    int port = start(handler(new CountDownLatch(0)));

    HttpResponse<String> tooLarge = post(client(), port, "good", "x".repeat(LIMITS.maxBodyBytes() + 1));

    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("BodyTooLarge");
    assertThat(answered).hasValue(0);
    assertThat(byServer).as("told to the handler, for its metrics").containsExactly("413 BodyTooLarge");
  }

  @Test
  void aClientThatSendsItsHeadOrBodyTooSlowlyIsDisconnected() throws Exception {
    int port = start(handler(new CountDownLatch(0)));

    assertThat(send(port, "POST /v1alpha1/x HTTP/1.1\r\nHost: localhost\r\n").secondsUntilClosed())
        .as("headers never finished").isLessThan(3);
    assertThat(send(port, "POST /v1alpha1/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer good"
        + "\r\nContent-Length: 100\r\n\r\n{\"keys\":").secondsUntilClosed())
        .as("a body that never ends").isLessThan(3);
    assertThat(answered).hasValue(0);
  }

  /**
   * A kept-alive connection waits for its next call for the idle time, longer than a head's: pooled client
   * connections are not closed under their callers. Once the next call's first bytes arrive, its head has only
   * the head's time.
   */
  @Test
  void aKeptAliveConnectionWaitsTheIdleTimeButANextHeadHasOnlyTheHeadsTime() throws Exception {
    int port = start(handler(new CountDownLatch(0)), new ServerLimits(Duration.ofMillis(300), Duration.ofSeconds(3),
        Duration.ofMillis(300), 1024, 2, 2, 64, 64, 1500));
    String call = "POST /v1alpha1/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer good\r\n"
        + "Content-Length: 2\r\n\r\n{}";
    try (SSLSocket socket = connect(port)) {
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII));
      socket.getOutputStream().write(call.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      assertThat(in.readLine()).startsWith("HTTP/1.1 200 ");
      // Idle for longer than a head may take, within the idle time: the connection is still there.
      long idleUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> System.nanoTime() > idleUntil);
      socket.getOutputStream().write(call.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String line;
      do {
        line = in.readLine();
      } while (line != null && !line.contains("HTTP/1.1 "));
      // The first answer's body has no line end: the second answer's status line follows it on one line.
      assertThat(line).as("the second call on the kept-alive connection").contains("HTTP/1.1 200 ");
      // Body of the first answer skipped above; now a head that never finishes: closed after the head's time.
      long began = System.nanoTime();
      socket.getOutputStream().write("POST /v1alpha1/x HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      try {
        while (socket.getInputStream().read() != -1) {
          // the rest of the second answer
        }
      } catch (java.io.IOException e) {
        // closed without close_notify
      }
      assertThat((System.nanoTime() - began) / 1e9).as("seconds until a slow head is cut off").isLessThan(2);
    }
  }

  /**
   * A caller that sends call after call (1 MiB answers) and never reads the answers is cut off, and few of its
   * calls are worked on: its answers never pile up in the server's memory.
   */
  @Test
  void aCallerThatNeverReadsItsAnswersIsCutOffAndNotWorkedFor() throws Exception {
    AtomicInteger worked = new AtomicInteger();
    byte[] large = new byte[1 << 20];
    java.util.Arrays.fill(large, (byte) 'x');
    CallHandler<String> bulky = new CallHandler<>() {
      @Override
      public Admission<String> admit(Head head) {
        return new Admission.Admitted<>("caller");
      }

      @Override
      public Answer answer(Head head, String caller, byte[] body) {
        worked.incrementAndGet();
        return new Answer(200, java.util.Map.of(), large);
      }
    };
    int port = start(bulky, new ServerLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(500),
        1024, 2, 64, 64, 64, 1 << 20));
    String call = "POST /v1alpha1/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}";
    try (SSLSocket socket = connect(port)) {
      socket.setReceiveBufferSize(4096);
      OutputStream out = socket.getOutputStream();
      try {
        for (int i = 0; i < 200; i++) {
          out.write(call.getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (java.io.IOException e) {
        // cut off while still sending: as it should be
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        try {
          out.write(call.getBytes(StandardCharsets.US_ASCII));
          out.flush();
          return false;
        } catch (java.io.IOException e) {
          return true;
        }
      });
    }
    assertThat(worked.get()).as("calls worked on for a caller that read nothing").isLessThan(50);
  }

  /** What the server sent in answer to some bytes, and how long after them it closed the connection. */
  private record Sent(String received, double secondsUntilClosed) {}

  /** Sends the bytes and waits for the server to close the connection, reading what it sends. */
  private static Sent send(int port, String partial) throws Exception {
    SSLContext context = TestTls.clientTrusting(CA.certificate());
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
         SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true)) {
      socket.setSoTimeout(10_000);
      long start = System.nanoTime();
      OutputStream out = socket.getOutputStream();
      out.write(partial.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
      try {
        for (int b = in.read(); b != -1; b = in.read()) {
          received.write(b);
        }
      } catch (java.io.IOException e) {
        // closed without a TLS close_notify: closed all the same
      }
      return new Sent(received.toString(StandardCharsets.US_ASCII), (System.nanoTime() - start) / 1e9);
    }
  }

  @Test
  void callsBeyondTheWorkersAndTheirQueueAreAnswered503WithRetryAfter() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    int port = start(handler(release));
    HttpClient client = client();

    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> {
        try {
          return post(client, port, "good", "wait");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> calls.stream().filter(CompletableFuture::isDone).count() >= 2);
    release.countDown();

    List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();
    assertThat(responses).filteredOn(r -> r.statusCode() == 503).isNotEmpty()
        .allSatisfy(r -> assertThat(r.headers().firstValue("Retry-After")).contains("1"));
    assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aPortInUseFailsTheStartAndLeavesNoThreadsBehind() throws Exception {
    int port = start(handler(new CountDownLatch(0)));
    long before = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("signing-")).count();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SigningServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), tls::get, LIMITS, handler(new CountDownLatch(0))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(String.valueOf(port));

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet()
        .stream().filter(t -> t.getName().startsWith("signing-") && t.isAlive()).count() <= before);
  }

  @Test
  void aHeadPrintsNoToken() {
    Head head = new Head("POST", "/v1alpha1/x", java.util.Optional.of("Bearer secret-token"),
        InetAddress.getLoopbackAddress());
    assertThat(head.toString()).contains("POST", "/v1alpha1/x", "with Authorization").doesNotContain("secret-token");
  }

  @Test
  void aRenewedCertificateIsServedFromTheNextConnectionOn() throws Exception {
    int port = start(handler(new CountDownLatch(0)));
    X509Certificate first = served(port);

    tls.set(leaf());

    X509Certificate second = served(port);
    assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
    assertThat(second.getIssuerX500Principal()).isEqualTo(CA.certificate().getSubjectX500Principal());
  }

  private static X509Certificate served(int port) throws Exception {
    HttpResponse<String> response = post(client(), port, "good", "{}");
    assertThat(response.statusCode()).isEqualTo(200);
    return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
  }
}
