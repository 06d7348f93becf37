package dev.atmo.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP/1 connection that holds the server without using it: a request head that does not arrive
 * within the header timeout (slow headers), a keep-alive connection with no request for the idle timeout,
 * and responses the client leaves unread (the connection stays unwritable) for the idle timeout. No timer
 * runs while a request is being served: its deadline is the Runnable's.
 *
 * <p>Two handlers share the state: one before the codec notices the first byte of a request, one after it
 * sees request heads come in and responses go out. Both run on the connection's event loop.
 */
final class RequestTimeouts {
    static final String BYTES = "timeouts-bytes";
    static final String MESSAGES = "timeouts";
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.http");

    private final long headerNanos;
    private final long idleNanos;
    private ChannelHandlerContext ctx;
    private int open;
    private boolean partial;
    private boolean armed;
    private long deadline;
    private String why = "";
    private ScheduledFuture<?> timer;
    private long wakeAt;
    private ScheduledFuture<?> stall;

    private RequestTimeouts(ConnectionLimits limits) {
        this.headerNanos = limits.headerTimeout().toNanos();
        this.idleNanos = limits.idleTimeout().toNanos();
    }

    /** Adds the two handlers around the pipeline's {@code codec}. */
    static void install(ChannelPipeline pipeline, ConnectionLimits limits) {
        RequestTimeouts timeouts = new RequestTimeouts(limits);
        pipeline.addBefore("codec", BYTES, timeouts.new Bytes());
        pipeline.addAfter("codec", MESSAGES, timeouts.new Messages());
    }

    /** Takes the handlers out, for a connection that becomes a websocket (which has its own idle timeout). */
    static void remove(ChannelPipeline pipeline) {
        for (String name : new String[] {BYTES, MESSAGES}) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
    }

    /**
     * Sets the connection's one deadline. The timer is not moved for every request: it is scheduled again only
     * when it would wake too late for the new deadline, and a timer that wakes early goes back to sleep until the
     * deadline then in force. A connection serving requests back to back so costs no timer operation per request.
     */
    private void arm(long nanos, String reason) {
        long at = System.nanoTime() + nanos;
        armed = true;
        deadline = at;
        why = reason;
        if (timer == null || wakeAt - at > 0) {
            if (timer != null) {
                timer.cancel(false);
            }
            schedule(at);
        }
    }

    private void schedule(long at) {
        wakeAt = at;
        timer = ctx.executor().schedule(this::wake, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        armed = false;
    }

    private void wake() {
        timer = null;
        if (!armed) {
            return;
        }
        if (deadline - System.nanoTime() > 0) {
            schedule(deadline);
            return;
        }
        armed = false;
        LOG.debug("closing connection from {}: {}", ctx.channel().remoteAddress(), why);
        ctx.close();
    }

    private void stopAll() {
        armed = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (stall != null) {
            stall.cancel(false);
            stall = null;
        }
    }

    private void started(ChannelHandlerContext context) {
        if (ctx == null) {
            ctx = context;
            arm(headerNanos, "no request head within the header timeout");
        }
    }

    private final class Bytes extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext context) {
            if (context.channel().isActive()) {
                started(context);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext context) throws Exception {
            started(context);
            super.channelActive(context);
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object msg) throws Exception {
            if (open == 0 && !partial) {
                partial = true;
                arm(headerNanos, "no complete request head within the header timeout");
            }
            super.channelRead(context, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            stopAll();
            super.channelInactive(context);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext context) {
            stopAll();
        }
    }

    private final class Messages extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext context, Object msg) throws Exception {
            if (msg instanceof HttpRequest) {
                open++;
                partial = false;
                cancel();
            }
            super.channelRead(context, msg);
        }

        @Override
        public void write(ChannelHandlerContext context, Object msg, ChannelPromise promise) throws Exception {
            boolean informational = msg instanceof HttpResponse response
                    && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (msg instanceof LastHttpContent && !informational) {
                promise = promise.unvoid();
                promise.addListener(written -> answered());
            }
            super.write(context, msg, promise);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
            if (context.channel().isWritable()) {
                if (stall != null) {
                    stall.cancel(false);
                    stall = null;
                }
            } else if (stall == null) {
                stall = context.executor().schedule(() -> {
                    stall = null;
                    LOG.debug("closing connection from {}: responses left unread for the idle timeout",
                            context.channel().remoteAddress());
                    context.close();
                }, idleNanos, TimeUnit.NANOSECONDS);
            }
            super.channelWritabilityChanged(context);
        }

        private void answered() {
            if (open > 0) {
                open--;
            }
            if (open == 0 && ctx != null && ctx.channel().isActive()) {
                if (partial) {
                    arm(headerNanos, "no complete request head within the header timeout");
                } else {
                    arm(idleNanos, "idle for the keep-alive timeout");
                }
            }
        }
    }
}
