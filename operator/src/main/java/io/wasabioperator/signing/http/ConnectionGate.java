package io.wasabioperator.signing.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open connections counted, in all and per source address: one past either limit is closed as it opens, before
 * its TLS handshake. Shared by every connection of a server.
 */
@ChannelHandler.Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {
  private final int total;
  private final int perSource;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> bySource = new ConcurrentHashMap<>();

  ConnectionGate(int total, int perSource) {
    this.total = total;
    this.perSource = perSource;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    InetAddress source = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    int all = open.incrementAndGet();
    int fromSource = bySource.merge(source, 1, Integer::sum);
    ctx.channel().closeFuture().addListener(closed -> {
      open.decrementAndGet();
      bySource.computeIfPresent(source, (s, count) -> count == 1 ? null : count - 1);
    });
    if (all > total || fromSource > perSource) {
      ctx.close();
      return;
    }
    super.channelActive(ctx);
  }

  int open() {
    return open.get();
  }
}
