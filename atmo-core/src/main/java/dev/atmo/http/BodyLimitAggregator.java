package dev.atmo.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Aggregates request bodies up to the limit and answers 413 with Atmo's JSON error body past it, whether the
 * body was sent or only announced with {@code Expect: 100-continue}.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
    private final int limit;

    BodyLimitAggregator(int limit) {
        super(limit);
        this.limit = limit;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse response = tooLarge();
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof HttpResponse refusal
                && refusal.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
            FullHttpResponse response = tooLarge();
            String connection = refusal.headers().get(HttpHeaderNames.CONNECTION);
            if (connection != null) {
                response.headers().set(HttpHeaderNames.CONNECTION, connection);
            }
            ReferenceCountUtil.release(answer);
            return response;
        }
        return answer;
    }

    private FullHttpResponse tooLarge() {
        Response error = Response.error(413, "request body is larger than the limit of " + limit + " bytes");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(error.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, error.body().length);
        return response;
    }
}
