package dev.atmo.wasm.abi;

import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.HttpCall;
import dev.atmo.wasm.host.HttpCapability;
import dev.atmo.wasm.host.HttpReply;
import dev.atmo.wasm.host.InvocationInfo;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code fetch_url} over {@link HttpClient}, following redirects; a transport failure becomes the guest's error text. */
final class LoopbackHttp implements HttpCapability {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient client;

    LoopbackHttp(HttpClient client) {
        this.client = client;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(TIMEOUT).build();
    }

    @Override
    public HttpReply send(HttpCall call, InvocationInfo caller) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(call.url())).timeout(TIMEOUT)
                    .method(call.method(), call.body().length == 0
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(call.body()));
            call.headers().forEach(h -> builder.header(h.getKey(), h.getValue()));
            request = builder.build();
        } catch (IllegalArgumentException e) {
            throw new CapabilityException(failure(call, "invalid request: " + e.getMessage()));
        }
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new HttpReply(response.statusCode(), response.body());
        } catch (ConnectException e) {
            throw new CapabilityException(failure(call, "connection refused"), e);
        } catch (IOException e) {
            throw new CapabilityException(failure(call, String.valueOf(e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CapabilityException(failure(call, "interrupted"), e);
        }
    }

    /** Shaped like the original host's transport errors: {@code GET "http://host/x": connection refused}. */
    static String failure(HttpCall call, String reason) {
        return call.method() + " \"" + call.url() + "\": " + reason;
    }
}
