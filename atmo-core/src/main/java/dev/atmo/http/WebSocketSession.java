package dev.atmo.http;

import dev.atmo.request.JobRequest;
import dev.atmo.request.RequestLog;
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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * connection's own virtual thread; reading pauses while too many wait or while the client leaves its replies
 * unread, so a client cannot pile up work or memory. The reply is a text frame when it is UTF-8 and a binary
 * frame otherwise; a failure is one frame {@code {"status":N,"message":"..."}} and the connection stays open.
 */
final class WebSocketSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.websocket");
    private final WebSocketEndpoint endpoint;
    private final String url;
    private final Map<String, String> headers;
    private static final int MAX_QUEUED = 16;
    private final ExecutorService serial = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final AtomicInteger queued = new AtomicInteger();
    private final Object writability = new Object();

    /** @param headers the headers every message is served with: the upgrade's trace context */
    WebSocketSession(WebSocketEndpoint endpoint, String url, Map<String, String> headers) {
        this.endpoint = endpoint;
        this.url = url;
        this.headers = Map.copyOf(headers);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
            return;
        }
        byte[] body = ByteBufUtil.getBytes(frame.content());
        queued.incrementAndGet();
        updateReading(ctx);
        JobRequest request = JobRequest.builder().method("GET").url(url).body(body).headers(headers).build();
        serial.execute(() -> {
            Response response;
            try (RequestLog.Scope scope = RequestLog.enter(request.id())) {
                response = endpoint.handler().handle(request);
            } catch (Throwable e) {
                LOG.error("websocket {} message {} failed", url, request.id(), e);
                response = Response.error(500, "failed to handle message");
            }
            ctx.writeAndFlush(frame(response.body()));
            awaitWritable(ctx);
            queued.decrementAndGet();
            updateReading(ctx);
        });
    }

    /** Text when the reply is UTF-8 (as a text frame must be), binary otherwise. */
    static WebSocketFrame frame(byte[] reply) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(reply));
            return new TextWebSocketFrame(Unpooled.wrappedBuffer(reply));
        } catch (CharacterCodingException e) {
            return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(reply));
        }
    }

    /**
     * Reads while few messages wait and the client reads its replies: one that sends but never reads stops
     * being read, so its replies (at most the channel's high-water mark and one more) are all that pile up.
     */
    private void updateReading(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(queued.get() < MAX_QUEUED && ctx.channel().isWritable());
    }

    /** Holds the next message back until the client has read enough of the replies, or the connection ends. */
    private void awaitWritable(ChannelHandlerContext ctx) {
        synchronized (writability) {
            while (!ctx.channel().isWritable() && ctx.channel().isActive()) {
                try {
                    writability.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        synchronized (writability) {
            writability.notifyAll();
        }
        updateReading(ctx);
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        synchronized (writability) {
            writability.notifyAll();
        }
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
