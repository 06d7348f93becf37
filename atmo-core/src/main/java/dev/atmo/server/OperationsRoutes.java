package dev.atmo.server;

import dev.atmo.AtmoException;
import dev.atmo.admin.AdminStatus;
import dev.atmo.admin.StatusJson;
import dev.atmo.admin.StatusPage;
import dev.atmo.http.Response;
import dev.atmo.http.RouteHandler;
import dev.atmo.http.RouteLookup;
import dev.atmo.http.Router;
import dev.atmo.metrics.AtmoMetrics;
import dev.atmo.sequence.JobRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's endpoints: health ({@code {"healthy":true}}), readiness (503 until the bundle is loaded and
 * its connections are up), Prometheus metrics, and the admin page with its JSON twin. Served beside the user's
 * routes, never shadowing one silently, or on a separate admin port.
 */
record OperationsRoutes(ServerOptions.Operations paths, AtmoMetrics metrics, BooleanSupplier ready,
                        Supplier<AdminStatus> status) {

    /** Adds the endpoints; a clash with a route of the Directive is a start-up error naming both. */
    void addTo(Router.Builder<RouteHandler> routes, Router<RouteHandler> user) {
        for (String path : new String[] {paths.healthPath(), paths.readyPath(), paths.metricsPath(),
                paths.adminPath(), paths.statusPath()}) {
            if (user.find("GET", path) instanceof RouteLookup.Found<RouteHandler>) {
                throw new AtmoException("the Directive's route GET " + path + " clashes with Atmo's own endpoint "
                        + path + "; choose another path for it (--health-path, --ready-path, --metrics-path, "
                        + "--admin-path) or serve them on --admin-port");
            }
        }
        routes.add("GET", paths.healthPath(), new OnTheEventLoop(request -> json(200, "{\"healthy\":true}")));
        routes.add("GET", paths.readyPath(), new OnTheEventLoop(request -> ready.getAsBoolean()
                ? json(200, "{\"ready\":true}") : json(503, "{\"ready\":false}")));
        // a scrape takes milliseconds of processor time, too long to hold an event loop: it runs on a virtual
        // thread, which guest code never holds (it runs on its own threads, see GuestThreads)
        routes.add("GET", paths.metricsPath(), this::scrape);
        // the admin page asks its connections whether they are up: like a scrape, not for an event loop
        routes.add("GET", paths.adminPath(), request -> fresh("text/html; charset=utf-8",
                StatusPage.render(status.get())));
        routes.add("GET", paths.statusPath(), request -> fresh("application/json", StatusJson.write(status.get())));
    }

    /** The metrics in the Prometheus text format, or in OpenMetrics (with exemplars) when the scraper asks. */
    private Response scrape(JobRequest request) {
        String accept = request.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Accept"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        boolean open = accept.contains("application/openmetrics-text");
        return new Response(200,
                Map.of("Content-Type", open ? AtmoMetrics.OPEN_METRICS : "text/plain; version=0.0.4; charset=utf-8"),
                metrics.scrape(accept).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An endpoint answered at once on the connection's event loop: it never waits behind request work handed to
     * threads, so health and readiness answer while every processor runs guest code.
     */
    private record OnTheEventLoop(RouteHandler answer) implements RouteHandler {
        @Override
        public Response handle(JobRequest request) {
            return answer.handle(request);
        }

        @Override
        public Optional<Response> tryQuick(JobRequest request) {
            return Optional.of(answer.handle(request));
        }
    }

    Router<RouteHandler> alone() {
        Router.Builder<RouteHandler> routes = Router.builder();
        addTo(routes, Router.<RouteHandler>builder().build());
        return routes.build();
    }

    private static Response fresh(String type, String body) {
        return new Response(200, Map.of("Content-Type", type, "Cache-Control", "no-store"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static Response json(int status, String body) {
        return new Response(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }
}
