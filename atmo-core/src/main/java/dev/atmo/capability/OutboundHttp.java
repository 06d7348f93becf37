package dev.atmo.capability;

import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.HttpCall;
import dev.atmo.wasm.host.HttpCapability;
import dev.atmo.wasm.host.HttpReply;
import dev.atmo.wasm.host.InvocationInfo;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound HTTP for Runnables on one shared JDK client. Redirects are followed here, hop by hop, so that every
 * hop passes the policy and the injected {@code Authorization} header never reaches another host, nor the same
 * host over plain HTTP after HTTPS.
 */
public final class OutboundHttp implements HttpCapability {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final String USER_AGENT = "Atmo-http-client/1.1";
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.capability");

    private volatile HttpClient client;
    private final OutboundPolicy policy;
    private final AuthHeaders auth;
    private final BiConsumer<String, String> calls;

    public OutboundHttp(OutboundPolicy policy, AuthHeaders auth) {
        this(policy, auth, (host, status) -> { });
    }

    /** @param calls told the host and the status (or {@code error}) of every hop */
    public OutboundHttp(OutboundPolicy policy, AuthHeaders auth, BiConsumer<String, String> calls) {
        this.policy = policy;
        this.auth = auth;
        this.calls = calls;
    }

    /**
     * The shared client, built on first use: building it loads the TLS context and the CA certificates,
     * a cost that start-up need not pay for a bundle that never calls out.
     */
    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(policy.connectTimeout())
                            .build();
                    client = built;
                }
            }
        }
        return built;
    }

    @Override
    public HttpReply send(HttpCall call, InvocationInfo caller) {
        try {
            return follow(call, caller);
        } catch (CapabilityException e) {
            logFailure("outbound call", caller, e);
            throw e;
        }
    }

    /** One line for the operator: an ABI A guest learns only that the call failed, not why. */
    static void logFailure(String what, InvocationInfo caller, CapabilityException failure) {
        LOG.info("Runnable {} {} failed: {}", caller.runnable(), what, failure.getMessage());
    }

    private HttpReply follow(HttpCall call, InvocationInfo caller) {
        URI uri = parse(call.url());
        String method = call.method();
        byte[] body = call.body();
        List<Map.Entry<String, String>> headers = call.headers();
        Instant deadline = deadline(caller);
        boolean authAllowed = true;
        String firstScheme = uri.getScheme();
        for (int hop = 0; ; hop++) {
            policy.check(uri);
            boolean downgraded = "https".equalsIgnoreCase(firstScheme) && "http".equalsIgnoreCase(uri.getScheme());
            HttpResponse<byte[]> response = exchange(uri, method, body, headers, authAllowed && !downgraded,
                    deadline);
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse("");
            if (!isRedirect(status) || location.isEmpty()) {
                return new HttpReply(status, response.body());
            }
            if (hop + 1 > policy.maxRedirects()) {
                throw new CapabilityException("stopped after " + policy.maxRedirects() + " redirects");
            }
            URI next = resolve(uri, location);
            if (!sameOrigin(uri, next)) {
                authAllowed = false;
                headers = withoutAuthorization(headers);
            }
            if (status == 303 || ((status == 301 || status == 302) && !method.equals("GET") && !method.equals("HEAD"))) {
                method = "GET";
                body = new byte[0];
                headers = withoutContentHeaders(headers);
            }
            uri = next;
        }
    }

    private HttpResponse<byte[]> exchange(URI uri, String method, byte[] body,
                                          List<Map.Entry<String, String>> headers, boolean withAuth,
                                          Instant deadline) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(remaining(uri, method, deadline))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String injected = withAuth ? auth.forUri(uri).orElse("") : "";
        boolean userAgent = false;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (RESTRICTED.contains(name) || (!injected.isEmpty() && name.equals("authorization"))) {
                continue;
            }
            userAgent |= name.equals("user-agent");
            try {
                request.header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                throw new CapabilityException("invalid header " + header.getKey() + ": " + e.getMessage());
            }
        }
        if (!userAgent) {
            request.header("User-Agent", USER_AGENT);
        }
        if (!injected.isEmpty()) {
            request.setHeader("Authorization", injected);
        }
        // the JDK's own timeout stops at the response headers; waiting on the future bounds the body as well
        long cap = policy.maxResponseBytes();
        CompletableFuture<HttpResponse<byte[]>> pending = client().sendAsync(request.build(),
                info -> new CappedBody(cap));
        try {
            HttpResponse<byte[]> response = pending.get(remaining(uri, method, deadline).toNanos(),
                    TimeUnit.NANOSECONDS);
            calls.accept(uri.getHost(), String.valueOf(response.statusCode()));
            return response;
        } catch (TimeoutException e) {
            pending.cancel(true);
            calls.accept(uri.getHost(), "error");
            throw timedOut(uri, method);
        } catch (ExecutionException e) {
            calls.accept(uri.getHost(), "error");
            throw failure(uri, method, e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new CapabilityException(method + " " + uri + ": interrupted");
        }
    }

    /** The whole call, redirects included, gets the policy's timeout, but never more than the invocation has left. */
    private Instant deadline(InvocationInfo caller) {
        Instant byPolicy = Instant.now().plus(policy.callTimeout());
        return caller.deadline().isBefore(byPolicy) ? caller.deadline() : byPolicy;
    }

    private static Duration remaining(URI uri, String method, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw timedOut(uri, method);
        }
        return left;
    }

    private static CapabilityException timedOut(URI uri, String method) {
        return new CapabilityException(method + " " + uri + ": timed out");
    }

    private static CapabilityException failure(URI uri, String method, Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return timedOut(uri, method);
        }
        if (cause instanceof CappedBody.TooLarge tooLarge) {
            return new CapabilityException(method + " " + uri + ": " + tooLarge.getMessage());
        }
        String message = cause.getMessage();
        if (cause instanceof IOException && cause.getCause() instanceof CappedBody.TooLarge tooLarge) {
            message = tooLarge.getMessage();
        }
        return new CapabilityException(method + " " + uri + ": "
                + (message == null || message.isEmpty() ? cause.getClass().getSimpleName() : message));
    }

    private static URI resolve(URI from, String location) {
        try {
            return from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new CapabilityException("invalid redirect location " + location + " from " + from + ": "
                    + e.getMessage());
        }
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute()) {
                throw new CapabilityException("invalid URL " + url + ": not absolute");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CapabilityException("invalid URL " + url + ": " + e.getMessage());
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static List<Map.Entry<String, String>> withoutAuthorization(List<Map.Entry<String, String>> headers) {
        return filter(headers, Set.of("authorization", "cookie", "proxy-authorization"));
    }

    private static List<Map.Entry<String, String>> withoutContentHeaders(List<Map.Entry<String, String>> headers) {
        return filter(headers, Set.of("content-type", "content-encoding"));
    }

    private static List<Map.Entry<String, String>> filter(List<Map.Entry<String, String>> headers, Set<String> drop) {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (!drop.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                kept.add(h);
            }
        }
        return kept;
    }
}
