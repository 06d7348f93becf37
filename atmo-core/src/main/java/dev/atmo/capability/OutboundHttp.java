package dev.atmo.capability;

import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.HttpCall;
import dev.atmo.wasm.host.HttpCapability;
import dev.atmo.wasm.host.HttpReply;
import dev.atmo.wasm.host.InvocationInfo;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.function.BiConsumer;

/**
 * Outbound HTTP for Runnables on one shared JDK client. Redirects are followed here, hop by hop, so that every
 * hop passes the policy and the injected {@code Authorization} header never reaches another host, nor the same
 * host over plain HTTP after HTTPS.
 */
public final class OutboundHttp implements HttpCapability {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final String USER_AGENT = "Atmo-http-client/1.1";

    private final HttpClient client;
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
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(policy.connectTimeout())
                .build();
    }

    @Override
    public HttpReply send(HttpCall call, InvocationInfo caller) {
        URI uri = parse(call.url());
        String method = call.method();
        byte[] body = call.body();
        List<Map.Entry<String, String>> headers = call.headers();
        boolean authAllowed = true;
        String firstScheme = uri.getScheme();
        for (int hop = 0; ; hop++) {
            policy.check(uri);
            boolean downgraded = "https".equalsIgnoreCase(firstScheme) && "http".equalsIgnoreCase(uri.getScheme());
            HttpResponse<InputStream> response = exchange(uri, method, body, headers,
                    authAllowed && !downgraded, caller);
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse("");
            if (!isRedirect(status) || location.isEmpty()) {
                return new HttpReply(status, readCapped(response));
            }
            drain(response);
            if (hop + 1 > policy.maxRedirects()) {
                throw new CapabilityException("stopped after " + policy.maxRedirects() + " redirects");
            }
            URI next = uri.resolve(location);
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

    private HttpResponse<InputStream> exchange(URI uri, String method, byte[] body,
                                               List<Map.Entry<String, String>> headers, boolean withAuth,
                                               InvocationInfo caller) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout(caller))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("User-Agent", USER_AGENT);
        String injected = withAuth ? auth.forUri(uri).orElse("") : "";
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (RESTRICTED.contains(name) || (!injected.isEmpty() && name.equals("authorization"))) {
                continue;
            }
            try {
                request.header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                throw new CapabilityException("invalid header " + header.getKey() + ": " + e.getMessage());
            }
        }
        if (!injected.isEmpty()) {
            request.setHeader("Authorization", injected);
        }
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            calls.accept(uri.getHost(), String.valueOf(response.statusCode()));
            return response;
        } catch (HttpTimeoutException e) {
            calls.accept(uri.getHost(), "error");
            throw new CapabilityException(method + " " + uri + ": timed out");
        } catch (IOException e) {
            calls.accept(uri.getHost(), "error");
            throw new CapabilityException(method + " " + uri + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CapabilityException(method + " " + uri + ": interrupted");
        }
    }

    /** The whole call gets the policy's timeout, but never more than the invocation has left. */
    private Duration timeout(InvocationInfo caller) {
        Duration left = Duration.between(Instant.now(), caller.deadline());
        Duration chosen = left.compareTo(policy.callTimeout()) < 0 ? left : policy.callTimeout();
        return chosen.isNegative() || chosen.isZero() ? Duration.ofMillis(1) : chosen;
    }

    private byte[] readCapped(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, policy.maxResponseBytes() + 1));
            if (data.length > policy.maxResponseBytes()) {
                throw new CapabilityException("response body is larger than the limit of "
                        + policy.maxResponseBytes() + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw new CapabilityException("failed to read response body: " + describe(e));
        }
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.readNBytes(64 * 1024);
        } catch (IOException e) {
            // the connection is discarded anyway
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

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
}
