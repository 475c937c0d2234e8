package io.wasabioperator.signing.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The signing API's HTTPS server (Netty): its own timeouts, a bounded body, handlers on a bounded pool of
 * workers, and TLS from a context asked for at every connection, so a renewed serving certificate is used
 * from the next connection on without a restart.
 */
public final class SigningServer implements AutoCloseable {
  private static final int MAX_INITIAL_LINE = 4096;
  private static final int MAX_HEADERS = 16 * 1024;

  private final EventLoopGroup boss;
  private final EventLoopGroup io;
  private final ExecutorService workers;
  private final Channel channel;
  private final AtomicLong buffered;

  private SigningServer(EventLoopGroup boss, EventLoopGroup io, ExecutorService workers, Channel channel,
      AtomicLong buffered) {
    this.buffered = buffered;
    this.boss = boss;
    this.io = io;
    this.workers = workers;
    this.channel = channel;
  }

  /**
   * Listens on the address until closed.
   *
   * @param tls the context for the next connection: the current serving certificate
   */
  public static <A> SigningServer start(InetSocketAddress address, Supplier<SslContext> tls, ServerLimits limits,
      CallHandler<A> handler) throws InterruptedException {
    EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("signing-accept", true));
    EventLoopGroup io = new NioEventLoopGroup(2, new DefaultThreadFactory("signing-io", true));
    ThreadPoolExecutor workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 1, TimeUnit.MINUTES,
        new ArrayBlockingQueue<>(limits.queue()), new DefaultThreadFactory("signing-worker", true),
        new ThreadPoolExecutor.AbortPolicy());
    ConnectionGate gate = new ConnectionGate(limits.connections(), limits.connectionsPerSource());
    AtomicLong buffered = new AtomicLong();
    try {
      Channel channel = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              SslHandler ssl = tls.get().newHandler(ch.alloc());
              ssl.setHandshakeTimeoutMillis(limits.headTimeout().toMillis());
              CallConnection<A> connection = new CallConnection<>(handler, limits, workers, buffered);
              ch.pipeline().addLast(gate, ssl, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                  // Decrypted bytes, before the codec: the connection's next call has begun.
                  connection.bytesArrived(ctx.pipeline().context(connection));
                  ctx.fireChannelRead(msg);
                }
              }, new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192), connection);
            }
          }).bind(address).sync().channel();
      return new SigningServer(boss, io, workers, channel, buffered);
    } catch (Exception e) {
      // A port in use comes as an undeclared BindException: nothing started may outlive the failure.
      boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      io.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownNow();
      if (e instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw e instanceof RuntimeException runtime ? runtime
          : new IllegalStateException("the signing API cannot listen on " + address, e);
    }
  }

  /** The body bytes all connections hold now. */
  long bufferedBodyBytes() {
    return buffered.get();
  }

  /** How long calls in progress may take to finish when the server closes. */
  private static final java.time.Duration FINISH_CALLS = java.time.Duration.ofSeconds(5);
  private final AtomicBoolean closed = new AtomicBoolean();

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Stops listening and drops every connection; closing again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // No new connections; calls in progress get their answers (the event loops still run) within a bound.
    channel.close().syncUninterruptibly();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(FINISH_CALLS.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }
}
