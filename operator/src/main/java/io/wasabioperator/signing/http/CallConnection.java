package io.wasabioperator.signing.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the signing API, one call at a time: the head is admitted on a worker with the body
 * unread (the connection stops reading meanwhile), the body is then read up to the limit, and answered on a
 * worker. A deadline runs whenever the client owes bytes, so a slow client holds the connection no longer
 * than the limits say; none runs while a worker has the call.
 */
final class CallConnection<A> extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(CallConnection.class);

  private enum State { IDLE, ADMITTING, READING, ANSWERING }

  private final CallHandler<A> handler;
  private final ServerLimits limits;
  private final Executor workers;
  /** The body bytes all connections hold; this one's share is {@link #reserved}. */
  private final AtomicLong buffered;
  private long reserved;
  private State state = State.IDLE;
  /** Kept alive between calls: the idle deadline runs, until the next call's first bytes. */
  private boolean waitingIdle;
  private Head head;
  private A caller;
  private boolean keepAlive;
  private boolean expectsContinue;
  private boolean bodyComplete;
  private ByteArrayOutputStream body;
  private ScheduledFuture<?> deadline;
  private boolean closing;

  CallConnection(CallHandler<A> handler, ServerLimits limits, Executor workers,
      AtomicLong buffered) {
    this.handler = handler;
    this.limits = limits;
    this.workers = workers;
    this.buffered = buffered;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx, limits.headTimeout());
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    disarm();
    releaseBody();
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (closing) {
        return; // answered for the last time: nothing more is read, and no review is asked for
      }
      if (msg instanceof HttpRequest request) {
        onHead(ctx, request);
      }
      if (msg instanceof HttpContent content) {
        onContent(ctx, content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
    if (state != State.IDLE) {
      ctx.close(); // a call sent before the last was answered: not served
      return;
    }
    if (request.decoderResult().isFailure()) {
      respond(ctx, error(400, "MalformedRequest", "the request line or headers cannot be read, or are too large"),
          true);
      return;
    }
    if (HttpUtil.getContentLength(request, -1L) > limits.maxBodyBytes()) {
      respond(ctx, error(413, "BodyTooLarge", "the body is larger than " + limits.maxBodyBytes() + " bytes"), true);
      return;
    }
    disarm();
    keepAlive = HttpUtil.isKeepAlive(request);
    expectsContinue = HttpUtil.is100ContinueExpected(request);
    head = new Head(request.method().name(), request.uri(),
        Optional.ofNullable(request.headers().get(HttpHeaderNames.AUTHORIZATION)),
        ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
    body = new ByteArrayOutputStream();
    bodyComplete = false;
    state = State.ADMITTING;
    ctx.channel().config().setAutoRead(false);
    Head admitting = head;
    work(ctx, () -> handler.admit(admitting), admission -> {
      if (admission instanceof CallHandler.Admission.Refused<A> refused) {
        // The body was not read: the connection cannot carry another call.
        respond(ctx, refused.answer(), true);
        return;
      }
      caller = ((CallHandler.Admission.Admitted<A>) admission).caller();
      state = State.READING;
      if (bodyComplete) {
        answer(ctx);
      } else {
        if (expectsContinue) {
          // curl and others wait for this before a larger body: sent only once the caller is admitted.
          ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
              Unpooled.EMPTY_BUFFER));
        }
        arm(ctx, limits.bodyTimeout());
        ctx.channel().config().setAutoRead(true);
        ctx.read();
      }
    });
  }

  private void onContent(ChannelHandlerContext ctx, HttpContent content) {
    if (content.decoderResult().isFailure()) {
      ctx.close();
      return;
    }
    if (state != State.ADMITTING && state != State.READING) {
      return;
    }
    if (body.size() + content.content().readableBytes() > limits.maxBodyBytes()) {
      respond(ctx, error(413, "BodyTooLarge", "the body is larger than " + limits.maxBodyBytes() + " bytes"), true);
      return;
    }
    if (!reserve(content.content().readableBytes())) {
      respond(ctx, error(503, "Busy", "too many calls are in progress; try again").withHeader("Retry-After", "1"),
          true);
      return;
    }
    try {
      content.content().readBytes(body, content.content().readableBytes());
    } catch (IOException e) {
      throw new IllegalStateException("a ByteArrayOutputStream does not fail", e);
    }
    if (content instanceof LastHttpContent) {
      bodyComplete = true;
      if (state == State.READING) {
        answer(ctx);
      }
    }
  }

  private void answer(ChannelHandlerContext ctx) {
    disarm();
    state = State.ANSWERING;
    ctx.channel().config().setAutoRead(false);
    Head answering = head;
    A admitted = caller;
    byte[] bytes = body.toByteArray();
    body = null;
    work(ctx, () -> handler.answer(answering, admitted, bytes), answer -> respond(ctx, answer, !keepAlive));
  }

  /** Runs a step on a worker and its continuation back on the connection's event loop. */
  private <T> void work(ChannelHandlerContext ctx, Supplier<T> step, java.util.function.Consumer<T> then) {
    try {
      workers.execute(() -> {
        T result;
        try {
          result = step.get();
        } catch (RuntimeException | Error e) {
          // The exception's message is not logged: it may carry what the caller sent.
          LOG.error("signing call failed with {}", e.getClass().getName());
          onLoop(ctx, () -> respond(ctx, error(500, "InternalError", "the call failed; try again"), true));
          return;
        }
        onLoop(ctx, () -> {
          if (ctx.channel().isActive() && !closing) {
            try {
              then.accept(result);
            } catch (RuntimeException e) {
              // A connection left without a deadline and with reading off would be held forever.
              LOG.error("signing call failed with {}", e.getClass().getName());
              ctx.close();
            }
          }
        });
      });
    } catch (RejectedExecutionException e) {
      respond(ctx, error(503, "Busy", "too many calls are in progress; try again").withHeader("Retry-After", "1"),
          true);
    }
  }

  /** Back on the connection's event loop; when that is shutting down, the connection goes with it. */
  private static void onLoop(ChannelHandlerContext ctx, Runnable task) {
    try {
      ctx.executor().execute(task);
    } catch (RejectedExecutionException e) {
      ctx.channel().close();
    }
  }

  private void respond(ChannelHandlerContext ctx, Answer answer, boolean close) {
    if (closing) {
      return;
    }
    disarm();
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    answer.headers().forEach(response.headers()::set);
    releaseBody();
    state = State.IDLE;
    head = null;
    caller = null;
    body = null;
    // A client that stops reading its answer holds it no longer than a body may take to arrive.
    arm(ctx, limits.bodyTimeout());
    if (close) {
      closing = true;
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    // The next call is read only once this answer is written out: a caller that sends calls and never reads the
    // answers gets no more of them worked on, and is cut off when the answer's deadline passes.
    ctx.writeAndFlush(response).addListener(written -> {
      if (written.isSuccess() && state == State.IDLE && ctx.channel().isActive()) {
        arm(ctx, limits.idleTimeout());
        waitingIdle = true;
        ctx.channel().config().setAutoRead(true);
        ctx.read();
      }
    });
  }

  private boolean reserve(int bytes) {
    if (buffered.addAndGet(bytes) > limits.bufferedBodyBytes()) {
      buffered.addAndGet(-bytes);
      return false;
    }
    reserved += bytes;
    return true;
  }

  private void releaseBody() {
    buffered.addAndGet(-reserved);
    reserved = 0;
  }

  /**
   * Bytes arrived, before the codec has a whole head: on a kept-alive connection the next call has begun, and its
   * head has the head's time, not the idle time, to arrive (a slow head must not hold the connection for longer).
   */
  void bytesArrived(ChannelHandlerContext ctx) {
    if (waitingIdle) {
      waitingIdle = false;
      arm(ctx, limits.headTimeout());
    }
  }

  private void arm(ChannelHandlerContext ctx, Duration timeout) {
    disarm();
    deadline = ctx.executor().schedule(() -> ctx.close(), timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void disarm() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // TLS handshakes that fail and clients that go away: nothing to tell but that it happened.
    LOG.debug("signing connection closed: {}", cause.getClass().getSimpleName());
    ctx.close();
  }

  /** An answer of the server's own, which the handler is told of. */
  private Answer error(int status, String reason, String message) {
    handler.answeredByServer(status, reason);
    return Answer.json(status, "{\"reason\":\"" + reason + "\",\"message\":\"" + message + "\"}");
  }
}
