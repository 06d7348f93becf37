package dev.atmo.server;

import dev.atmo.http.Response;
import dev.atmo.http.RouteHandler;
import dev.atmo.request.JobRequest;
import dev.atmo.trace.TraceScope;
import dev.atmo.trace.TraceSpan;
import dev.atmo.trace.Tracing;
import java.util.Optional;
import java.util.function.Function;

/**
 * Wraps a route in a server span named for its method and pattern, continuing the trace the request's headers
 * carry; the span starts when the request arrived and ends with its status, failed for a 5xx. The route runs with
 * the span current, so its steps' spans nest under it and its metrics take the trace id as exemplar.
 */
final class TracedRoute implements RouteHandler {
    private final String method;
    private final String pattern;
    private final String name;
    private final RouteHandler route;
    private final Tracing tracing;

    TracedRoute(String method, String pattern, RouteHandler route, Tracing tracing) {
        this.method = method;
        this.pattern = pattern;
        this.name = method + " " + pattern;
        this.route = route;
        this.tracing = tracing;
    }

    @Override
    public Response handle(JobRequest request) {
        return traced(request, r -> Optional.of(route.handle(r))).orElseThrow();
    }

    /** A request the route does not answer in place leaves no span here: it gets one when it is handled. */
    @Override
    public Optional<Response> tryQuick(JobRequest request) {
        return traced(request, route::tryQuick);
    }

    private Optional<Response> traced(JobRequest request, Function<JobRequest, Optional<Response>> how) {
        TraceSpan span = tracing.server(name, request.headers(), request.arrival())
                .attribute("http.request.method", method).attribute("http.route", pattern)
                .attribute("url.path", path(request.url())).attribute("atmo.request_id", request.id());
        Optional<Response> response;
        try (TraceScope scope = span.enter()) {
            response = how.apply(request);
        } catch (RuntimeException | Error e) {
            span.error(e.toString());
            span.end();
            throw e;
        }
        response.ifPresent(r -> {
            span.attribute("http.response.status_code", r.status());
            if (r.status() >= 500) {
                span.error("HTTP " + r.status());
            }
            span.end();
        });
        return response;
    }

    private static String path(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
