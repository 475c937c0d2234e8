package io.wasabioperator.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of a real S3 server that injects the faults production endpoints show:
 * refused connections, connections reset mid-response, answers that never come, throttling and
 * server errors, and slow answers. It counts connections, so tests can see retries back off.
 */
public final class FaultyProxy implements AutoCloseable {
  public enum Fault {
    NONE, REFUSE, RESET_MID_RESPONSE, HANG, SLOW_DOWN_503, INTERNAL_ERROR_500, SLOW
  }

  private static final String SLOW_DOWN = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\n"
      + "Connection: close\r\nContent-Length: %d\r\n\r\n%s";
  private static final String SLOW_DOWN_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
      + "<Message>Please reduce your request rate.</Message><RequestId>F1</RequestId></Error>";
  private static final String INTERNAL = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/xml\r\n"
      + "Connection: close\r\nContent-Length: %d\r\n\r\n%s";
  private static final String INTERNAL_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code>"
      + "<Message>We encountered an internal error. Please try again.</Message><RequestId>F2</RequestId></Error>";

  private final InetSocketAddress target;
  private final int port;
  private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final ExecutorService workers = Executors.newCachedThreadPool(daemon("faulty-proxy"));
  private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(daemon("faulty-delay"));
  private final Duration slowness;
  private volatile ServerSocket listener;
  private volatile Future<?> acceptLoop;
  // While refusing, a bound socket that does not listen keeps the port: connections to it are
  // refused, and nothing else can take it before the proxy listens again.
  private Socket placeholder;

  public FaultyProxy(URI target, Duration slowness) throws IOException {
    this.target = new InetSocketAddress(target.getHost(), target.getPort());
    this.slowness = slowness;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int connections() {
    return connections.get();
  }

  /** Switches the fault; REFUSE closes the listening socket, anything else listens again. */
  public synchronized void inject(Fault next) throws IOException {
    Fault previous = fault.getAndSet(next);
    if (next == Fault.REFUSE && previous != Fault.REFUSE) {
      // A server that went away drops its kept-alive connections too. The port is free only once the
      // accepting thread has left accept(): the JDK defers the close until then.
      listener.close();
      try {
        acceptLoop.get(5, TimeUnit.SECONDS);
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        throw new IOException("the proxy's accept loop did not stop", e);
      }
      open.forEach(FaultyProxy::closeQuietly);
      open.clear();
      placeholder = new Socket();
      placeholder.setReuseAddress(true);
      placeholder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } else if (next != Fault.REFUSE && previous == Fault.REFUSE) {
      placeholder.close();
      listener = listen(port);
    }
    if (next == Fault.NONE) {
      // Let hung connections go, as a recovered endpoint would.
      open.forEach(FaultyProxy::closeQuietly);
      open.clear();
    }
  }

  private ServerSocket listen(int onPort) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
    acceptLoop = workers.submit(() -> accept(socket));
    return socket;
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        connections.incrementAndGet();
        workers.submit(() -> handle(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try {
      switch (fault.get()) {
        case HANG -> open.add(client);
        case SLOW_DOWN_503 -> answer(client, SLOW_DOWN, SLOW_DOWN_BODY);
        case INTERNAL_ERROR_500 -> answer(client, INTERNAL, INTERNAL_BODY);
        case RESET_MID_RESPONSE -> forward(client, true);
        case SLOW -> delays.schedule(() -> workers.submit(() -> forwardQuietly(client)), slowness.toMillis(),
            TimeUnit.MILLISECONDS);
        default -> forward(client, false);
      }
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private void forwardQuietly(Socket client) {
    try {
      forward(client, false);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  /** Pipes the connection to the real server; with {@code reset}, cuts the answer off halfway with a RST. */
  private void forward(Socket client, boolean reset) throws IOException {
    Socket upstream = new Socket();
    upstream.connect(target, 2000);
    open.add(client);
    open.add(upstream);
    workers.submit(() -> pipe(client, upstream, Long.MAX_VALUE));
    if (reset) {
      pipe(upstream, client, 64);
      client.setSoLinger(true, 0);
      closeQuietly(client);
      closeQuietly(upstream);
    } else {
      pipe(upstream, client, Long.MAX_VALUE);
    }
  }

  private static void pipe(Socket from, Socket to, long limit) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[8192];
      long copied = 0;
      int read;
      while (copied < limit && (read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied))) != -1) {
        out.write(buffer, 0, read);
        out.flush();
        copied += read;
      }
      if (limit == Long.MAX_VALUE) {
        to.shutdownOutput();
      }
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void answer(Socket client, String template, String body) throws IOException {
    readHeaders(client.getInputStream());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    client.getOutputStream().write(String.format(template, bytes.length, body).getBytes(StandardCharsets.UTF_8));
    client.getOutputStream().flush();
    closeQuietly(client);
  }

  private static void readHeaders(InputStream in) throws IOException {
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) != -1) {
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() throws IOException {
    listener.close();
    if (placeholder != null) {
      placeholder.close();
    }
    open.forEach(FaultyProxy::closeQuietly);
    workers.shutdownNow();
    delays.shutdownNow();
  }

}
