package dev.atmo.server;

import dev.atmo.http.InFlight;
import dev.atmo.http.Response;
import dev.atmo.http.RouteHandler;
import dev.atmo.metrics.AtmoMetrics;
import dev.atmo.sequence.JobRequest;
import java.time.Duration;

/** Wraps a route: counts it in flight and records its method, pattern, status and latency. */
final class MeteredRoute implements RouteHandler {
    private final String method;
    private final String pattern;
    private final RouteHandler route;
    private final AtmoMetrics metrics;
    private final InFlight inFlight;

    MeteredRoute(String method, String pattern, RouteHandler route, AtmoMetrics metrics, InFlight inFlight) {
        this.method = method;
        this.pattern = pattern;
        this.route = route;
        this.metrics = metrics;
        this.inFlight = inFlight;
    }

    @Override
    public Response handle(JobRequest request) {
        long start = System.nanoTime();
        inFlight.enter();
        int status = 500;
        try {
            Response response = route.handle(request);
            status = response.status();
            return response;
        } finally {
            inFlight.exit();
            metrics.request(method, pattern, status, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
