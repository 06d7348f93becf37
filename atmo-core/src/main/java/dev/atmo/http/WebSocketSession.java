package dev.atmo.http;

import dev.atmo.sequence.JobRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Map;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One websocket connection after the upgrade. Messages are served one at a time in arrival order on the
 * connection's own virtual thread; reading pauses while too many wait, so a client cannot pile up work. The reply is a text frame; a failure is one
 * frame {@code {"status":N,"message":"..."}} and the connection stays open.
 */
final class WebSocketSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.websocket");
    private final WebSocketEndpoint endpoint;
    private final String url;
    private static final int MAX_QUEUED = 16;
    private final ExecutorService serial = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final AtomicInteger queued = new AtomicInteger();

    WebSocketSession(WebSocketEndpoint endpoint, String url) {
        this.endpoint = endpoint;
        this.url = url;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
            return;
        }
        byte[] body = ByteBufUtil.getBytes(frame.content());
        if (queued.incrementAndGet() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        JobRequest request = JobRequest.builder().method("GET").url(url).body(body).headers(Map.of()).build();
        serial.execute(() -> {
            Response response;
            try {
                response = endpoint.handler().handle(request);
            } catch (RuntimeException e) {
                LOG.error("websocket {} message {} failed", url, request.id(), e);
                response = Response.error(500, "failed to handle message");
            }
            ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(response.body())));
            if (queued.decrementAndGet() < MAX_QUEUED) {
                ctx.channel().config().setAutoRead(true);
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        serial.shutdown();
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            LOG.debug("websocket {} idle, closing", url);
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "idle timeout"))
                    .addListener(f -> ctx.close());
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException) {
            LOG.info("websocket {}: message too big, closing", url);
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big"))
                    .addListener(f -> ctx.close());
            return;
        }
        LOG.info("stream connection ended: {}", cause.getMessage());
        ctx.close();
    }
}
