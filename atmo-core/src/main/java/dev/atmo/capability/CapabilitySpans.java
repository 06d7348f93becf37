package dev.atmo.capability;

import dev.atmo.trace.TraceSpan;
import dev.atmo.trace.Tracing;
import dev.atmo.wasm.host.CacheCapability;
import dev.atmo.wasm.host.DatabaseCapability;
import dev.atmo.wasm.host.GraphQlCapability;
import dev.atmo.wasm.host.HttpCall;
import dev.atmo.wasm.host.HttpCapability;
import dev.atmo.wasm.host.HttpReply;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capabilities a guest calls out through, each call in a span that is a child of the invocation's (current on
 * the guest thread while the guest runs): outbound HTTP and GraphQL as client spans that send their
 * {@code traceparent} along, the cache and the database. A failed call marks its span with the error the guest
 * gets.
 */
final class CapabilitySpans {
    private static final List<String> PROPAGATION_HEADERS = List.of("traceparent", "tracestate");
    private final Tracing tracing;

    CapabilitySpans(Tracing tracing) {
        this.tracing = tracing;
    }

    HttpCapability http(HttpCapability http) {
        return (call, caller) -> {
            URI uri = parsed(call.url());
            TraceSpan span = tracing.client(call.method()).attribute("http.request.method", call.method())
                    .attribute("url.full", withoutQuery(uri));
            if (uri.getHost() != null) {
                span.attribute("server.address", uri.getHost());
            }
            return span.run(() -> {
                HttpReply reply = http.send(new HttpCall(call.method(), call.url(), propagating(call.headers()),
                        call.body()), caller);
                span.attribute("http.response.status_code", reply.status());
                if (reply.status() >= 400) {
                    span.error("HTTP " + reply.status());
                }
                return reply;
            });
        };
    }

    GraphQlCapability graphql(GraphQlCapability graphql) {
        return (endpoint, query, caller) -> tracing.client("GraphQL query")
                .attribute("url.full", withoutQuery(parsed(endpoint)))
                .run(() -> graphql.query(endpoint, query, caller));
    }

    CacheCapability cache(CacheCapability cache, Optional<String> system) {
        return new CacheCapability() {
            @Override
            public void set(String key, byte[] value, int ttlSeconds) {
                span("cache set").run(() -> {
                    cache.set(key, value, ttlSeconds);
                    return null;
                });
            }

            @Override
            public Optional<byte[]> get(String key) {
                TraceSpan span = span("cache get");
                return span.run(() -> {
                    Optional<byte[]> value = cache.get(key);
                    span.attribute("atmo.cache.hit", value.isPresent());
                    return value;
                });
            }

            /** A cache on another server is a client call; the in-memory one is work inside the process. */
            private TraceSpan span(String name) {
                TraceSpan span = system.isPresent() ? tracing.client(name) : tracing.internal(name);
                span.attribute("atmo.cache", system.orElse("memory"));
                system.ifPresent(s -> span.attribute("db.system.name", s));
                return span;
            }
        };
    }

    DatabaseCapability database(DatabaseCapability database, String system) {
        return (queryType, queryName, variables, caller) -> tracing.client("query " + queryName)
                .attribute("db.system.name", system).attribute("atmo.query.name", queryName)
                .run(() -> database.execute(queryType, queryName, variables, caller));
    }

    /** The guest's headers with the current span's {@code traceparent} in place of any the guest set. */
    private List<Map.Entry<String, String>> propagating(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> out = new ArrayList<>(headers.size() + 2);
        for (Map.Entry<String, String> header : headers) {
            if (PROPAGATION_HEADERS.stream().noneMatch(name -> name.equalsIgnoreCase(header.getKey()))) {
                out.add(header);
            }
        }
        tracing.current().inject((name, value) -> out.add(Map.entry(name, value)));
        return out;
    }

    private static URI parsed(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            return URI.create("");
        }
    }

    /** The URL without credentials or query: either may carry secrets a trace should not. */
    private static String withoutQuery(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return "";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
