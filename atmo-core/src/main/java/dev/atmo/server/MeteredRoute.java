package dev.atmo.server;

import dev.atmo.admin.HandlerActivity;
import dev.atmo.http.InFlight;
import dev.atmo.http.Response;
import dev.atmo.http.RouteHandler;
import dev.atmo.metrics.AtmoMetrics;
import dev.atmo.sequence.JobRequest;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Wraps a route: counts it in flight and records its method, pattern, status and latency, for metrics and for the
 * admin page's activity (where a 5xx status counts as an error).
 */
final class MeteredRoute implements RouteHandler {
    private final String method;
    private final String pattern;
    private final RouteHandler route;
    private final AtmoMetrics metrics;
    private final InFlight inFlight;
    private final Counter quickAnswers;
    private final HandlerActivity activity;

    MeteredRoute(String method, String pattern, RouteHandler route, AtmoMetrics metrics, InFlight inFlight,
                 HandlerActivity activity) {
        this.method = method;
        this.pattern = pattern;
        this.route = route;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.quickAnswers = metrics.quickAnswers(method, pattern);
        this.activity = activity;
    }

    @Override
    public Response handle(JobRequest request) {
        return metered(request, r -> Optional.of(route.handle(r))).orElseThrow();
    }

    @Override
    public Optional<Response> tryQuick(JobRequest request) {
        Optional<Response> answer = metered(request, route::tryQuick);
        if (answer.isPresent()) {
            quickAnswers.increment();
        }
        return answer;
    }

    private Optional<Response> metered(JobRequest request, Function<JobRequest, Optional<Response>> how) {
        long start = System.nanoTime();
        inFlight.enter();
        int status = 500;
        boolean answered = true;
        try {
            Optional<Response> response = how.apply(request);
            answered = response.isPresent();
            status = response.map(Response::status).orElse(status);
            return response;
        } finally {
            inFlight.exit();
            if (answered) {
                long nanos = System.nanoTime() - start;
                metrics.request(method, pattern, status, Duration.ofNanos(nanos));
                activity.record(nanos, status >= 500);
            }
        }
    }
}
