package dev.atmo.server;

import dev.atmo.admin.Activity;
import dev.atmo.directive.Directive;
import dev.atmo.directive.Handler;
import dev.atmo.directive.RunnableDecl;
import dev.atmo.directive.Step;
import dev.atmo.http.InFlight;
import dev.atmo.http.RouteHandler;
import dev.atmo.http.Router;
import dev.atmo.http.WebSocketEndpoint;
import dev.atmo.metrics.AtmoMetrics;
import dev.atmo.sequence.Sequence;
import dev.atmo.trace.Tracing;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Builds a bundle's route tables from its Directive: a request route per request handler (or, headless, a
 * {@code POST} route per Runnable), and a websocket endpoint per websocket stream handler, each route measured
 * and, with traces on, traced.
 */
final class RouteTables {
    private final BiFunction<List<Step>, Optional<String>, Sequence> sequences;
    private final AtmoMetrics metrics;
    private final InFlight inFlight;
    private final Activity activity;
    private final Tracing tracing;

    /** @param sequences builds the sequence of some steps and the state key of their response, if any */
    RouteTables(BiFunction<List<Step>, Optional<String>, Sequence> sequences, AtmoMetrics metrics, InFlight inFlight,
                Activity activity, Tracing tracing) {
        this.sequences = sequences;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.activity = activity;
        this.tracing = tracing;
    }

    /** The request routes: one per request handler, or in headless mode one per Runnable. */
    Router.Builder<RouteHandler> requests(Directive directive, boolean headless) {
        return headless ? headlessRoutes(directive) : handlerRoutes(directive);
    }

    private Router.Builder<RouteHandler> handlerRoutes(Directive directive) {
        Router.Builder<RouteHandler> routes = Router.builder();
        for (Handler handler : directive.handlers()) {
            if (handler.isRequest()) {
                routes.add(handler.method(), handler.resource(), metered(handler.method(), handler.resource(),
                        new SequenceRoute(sequences.apply(handler.steps(), handler.response()))));
            }
        }
        return routes;
    }

    private Router.Builder<RouteHandler> headlessRoutes(Directive directive) {
        Router.Builder<RouteHandler> routes = Router.builder();
        for (RunnableDecl runnable : directive.runnables()) {
            String fqfn = directive.fqfnOf(runnable).toString();
            String path = directive.fqfnOf(runnable).headlessPath();
            Step step = Step.fn(fqfn, "", Map.of(), null, null);
            routes.add("POST", path, metered("POST", path,
                    new HeadlessRoute(sequences.apply(List.of(step), Optional.empty()))));
        }
        return routes;
    }

    /** The websocket endpoints of the Directive's websocket stream handlers; none in headless mode. */
    Router<WebSocketEndpoint> websockets(Directive directive, boolean headless) {
        Router.Builder<WebSocketEndpoint> routes = Router.builder();
        if (headless) {
            return routes.build();
        }
        for (Handler handler : directive.handlers()) {
            if (handler.isWebsocketStream()) {
                List<String> origins = List.of(handler.extensions().getOrDefault("allowedOrigins", "").split(","))
                        .stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
                routes.add("GET", handler.resource(), new WebSocketEndpoint(metered("STREAM", handler.resource(),
                        new SequenceRoute(sequences.apply(handler.steps(), handler.response()))), origins));
            }
        }
        return routes.build();
    }

    /** The route measured, and traced when traces are on (the span is then current while it is measured). */
    private RouteHandler metered(String method, String pattern, RouteHandler route) {
        RouteHandler measured = new MeteredRoute(method, pattern, route, metrics, inFlight,
                activity.route(method, pattern));
        return tracing.enabled() ? new TracedRoute(method, pattern, measured, tracing) : measured;
    }
}
