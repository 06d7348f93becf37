package dev.atmo.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts open connections and refuses those past the limit at once: a plain connection gets a 503 with
 * Atmo's JSON error and is closed, a TLS one is closed. Refusals are logged at most once per interval, with
 * how many there were, so a flood does not flood the log too.
 */
final class ConnectionGate {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.http");
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger refusedSinceLog = new AtomicInteger();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final ChannelHandler refuser;

    ConnectionGate(int max) {
        this.max = max;
        Response error = Response.error(503, "too many connections: the server's limit of " + max
                + " open connections is reached, try again later");
        String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: "
                + error.body().length + "\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] refusal = new byte[headBytes.length + error.body().length];
        System.arraycopy(headBytes, 0, refusal, 0, headBytes.length);
        System.arraycopy(error.body(), 0, refusal, headBytes.length, error.body().length);
        refuser = new Refuser(refusal);
    }

    /** True when the connection may be served; it is then counted until it closes. */
    boolean admit(Channel channel) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            noteRefusal();
            return false;
        }
        channel.closeFuture().addListener(closed -> open.decrementAndGet());
        return true;
    }

    /** The handler a refused connection gets instead of the HTTP pipeline. */
    ChannelHandler refuser(boolean tls) {
        return tls ? CLOSE : refuser;
    }

    int open() {
        return open.get();
    }

    private void noteRefusal() {
        refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
            LOG.warn("refused {} connection(s) since the last report: the limit of {} open connections "
                    + "(--max-connections) is reached", refusedSinceLog.getAndSet(0), max);
        }
    }

    private static final ChannelHandler CLOSE = new CloseAtOnce();

    @ChannelHandler.Sharable
    private static final class CloseAtOnce extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }

    @ChannelHandler.Sharable
    private static final class Refuser extends ChannelInboundHandlerAdapter {
        private final byte[] answer;

        Refuser(byte[] answer) {
            this.answer = answer;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
