package dev.atmo.server;

import dev.atmo.admin.Activity;
import dev.atmo.admin.AdminStatus;
import dev.atmo.bundle.Bundle;
import dev.atmo.bundle.BundleReader;
import dev.atmo.capability.CapabilitySet;
import dev.atmo.directive.Directive;
import dev.atmo.directive.Handler;
import dev.atmo.directive.Problem;
import dev.atmo.directive.RunnableDecl;
import dev.atmo.directive.Step;
import dev.atmo.http.InFlight;
import dev.atmo.http.RouteHandler;
import dev.atmo.http.Router;
import dev.atmo.http.WebSocketEndpoint;
import dev.atmo.metrics.AtmoMetrics;
import dev.atmo.schedule.Leases;
import dev.atmo.schedule.NatsLeases;
import dev.atmo.schedule.Scheduler;
import dev.atmo.sequence.Sequence;
import dev.atmo.stream.NatsOptions;
import dev.atmo.stream.NatsStreams;
import dev.atmo.trace.Tracing;
import dev.atmo.wasm.GuestThreads;
import dev.atmo.wasm.cache.ModuleCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded bundle: its Runnables compiled, its capabilities, its routes and websocket endpoints, and its
 * background work (schedules, streams). A reload builds a new one beside the old and swaps them.
 */
final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo");

    private final ServerOptions options;
    private final Optional<ModuleCache> moduleCache;
    private final AtmoMetrics metrics;
    private final Activity activity;
    private final GuestThreads guests;
    private final Tracing tracing;
    private final InFlight inFlight = new InFlight();
    private Bundle bundle;
    private CapabilitySet capabilitySet;
    private LoadedRunnables runnables;
    private Router<RouteHandler> routes;
    private Router<WebSocketEndpoint> websockets;
    private volatile Scheduler scheduler;
    private volatile NatsStreams natsStreams;

    private Application(ServerOptions options, Optional<ModuleCache> moduleCache, AtmoMetrics metrics,
                        Activity activity, GuestThreads guests, Tracing tracing) {
        this.options = options;
        this.moduleCache = moduleCache;
        this.metrics = metrics;
        this.activity = activity;
        this.guests = guests;
        this.tracing = tracing;
    }

    /**
     * Reads, validates and loads the bundle; failures close what was loaded and are rethrown.
     *
     * @param moduleCache where compiled modules are kept between starts, if anywhere
     * @param activity    what the admin page shows of the handlers and Runnables, kept across reloads
     * @param operations  the operator endpoints to serve beside the user routes, if any
     * @param guests      the threads guest code runs on, shared by every bundle the server loads
     * @param tracing     where the spans of requests, messages, steps and calls go
     */
    static Application load(ServerOptions options, Optional<ModuleCache> moduleCache, AtmoMetrics metrics,
                            Activity activity, Optional<OperationsRoutes> operations, GuestThreads guests,
                            Tracing tracing) {
        Application app = new Application(options, moduleCache, metrics, activity, guests, tracing);
        try {
            app.loadBundle(operations);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    private void loadBundle(Optional<OperationsRoutes> operations) {
        bundle = BundleReader.builder().build().read(options.bundle());
        List<Problem> problems = new ArrayList<>(BundleCheck.settings(bundle.directive()));
        problems.addAll(BundleCheck.headers(bundle));
        if (!problems.isEmpty()) {
            // the modules are checked here too only to report what validate reports; otherwise loading checks them
            problems = new ArrayList<>(BundleCheck.settings(bundle.directive()));
            problems.addAll(BundleCheck.modules(bundle, options.limits(), options.abi()));
            BundleCheck.requireNone(bundle, problems);
        }
        bundle.warnings().forEach(w -> LOG.warn("{}", w));
        capabilitySet = CapabilitySet.build(bundle, name -> Optional.ofNullable(System.getenv(name)), metrics,
                options.cache(), tracing);
        runnables = LoadedRunnables.load(bundle, options.engineMode(), options.limits(), options.abi(), moduleCache,
                capabilitySet.capabilities(), metrics, activity, guests, tracing);
        Directive directive = bundle.directive();
        Router.Builder<RouteHandler> all = options.headless() ? headlessRoutes(directive) : handlerRoutes(directive);
        Router<RouteHandler> user = all.build();
        operations.ifPresent(ops -> ops.addTo(all, user));
        routes = all.build();
        websockets = websocketRoutes(directive);
        LOG.info("loaded bundle from {}: {} Runnables", options.bundle(), runnables.all().size());
    }

    private Router.Builder<RouteHandler> handlerRoutes(Directive directive) {
        Router.Builder<RouteHandler> routes = Router.builder();
        for (Handler handler : directive.handlers()) {
            if (handler.isRequest()) {
                routes.add(handler.method(), handler.resource(), metered(handler.method(), handler.resource(),
                        new SequenceRoute(sequence(handler.steps(), handler.response()))));
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
                    new HeadlessRoute(sequence(List.of(step), Optional.empty()))));
        }
        return routes;
    }

    private Router<WebSocketEndpoint> websocketRoutes(Directive directive) {
        Router.Builder<WebSocketEndpoint> routes = Router.builder();
        if (options.headless()) {
            return routes.build();
        }
        for (Handler handler : directive.handlers()) {
            if (handler.isWebsocketStream()) {
                List<String> origins = List.of(handler.extensions().getOrDefault("allowedOrigins", "").split(","))
                        .stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
                routes.add("GET", handler.resource(), new WebSocketEndpoint(metered("STREAM", handler.resource(),
                        new SequenceRoute(sequence(handler.steps(), handler.response()))), origins));
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

    Sequence sequence(List<Step> steps, Optional<String> response) {
        return new Sequence(steps, response, runnables, options.limits().maxInstances(), tracing);
    }

    /** Starts schedules and stream subscriptions. */
    void startBackground() {
        Directive directive = bundle.directive();
        if (!options.headless() && NatsStreams.hasHandlers(directive)) {
            natsStreams = NatsStreams.start(directive, h -> sequence(h.steps(), h.response()),
                    NatsOptions.builder().drainGrace(options.shutdownGrace())
                            .counter((subject, direction) -> metrics.streamMessage("nats", subject, direction))
                            .timer(subject -> activity.natsHandler(subject)::record)
                            .tracing(tracing)
                            .build());
        }
        if (options.headless() || directive.schedules().isEmpty()) {
            return;
        }
        if (options.runSchedules()) {
            Leases leases = directive.connections().nats()
                    .<Leases>map(nats -> NatsLeases.start(nats.serverAddress(), directive.identifier()))
                    .orElseGet(Leases::local);
            scheduler = Scheduler.start(directive.schedules(), s -> sequence(s.steps(), Optional.empty()), leases,
                    tracing);
        } else {
            LOG.info("schedules are registered but not run (run-schedules is off)");
        }
    }

    /** Stops taking new background work; work already running finishes within the grace period. */
    void stopBackground(Duration grace) {
        if (natsStreams != null) {
            natsStreams.drain(grace);
            natsStreams = null;
        }
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
    }

    /** True once loaded and every connection is up. */
    boolean ready() {
        NatsStreams streams = natsStreams;
        return runnables != null && (streams == null || streams.connected());
    }

    /** The connections of the Directive in use here (NATS, Redis, database), each asked whether it is up now. */
    List<AdminStatus.ConnectionState> connections() {
        List<AdminStatus.ConnectionState> connections = new ArrayList<>();
        NatsStreams streams = natsStreams;
        Scheduler schedules = scheduler;
        bundle.directive().connections().nats().filter(nats -> streams != null || schedules != null)
                .ifPresent(nats -> connections.add(new AdminStatus.ConnectionState("nats",
                        nats.serverAddress().replaceFirst("//[^/@]*@", "//"),
                        streams != null ? streams.connected() : schedules.connected())));
        connections.addAll(capabilitySet.connections());
        return connections;
    }

    /** The Directive's schedules with their runs here; none run here in headless mode or with schedules off. */
    List<AdminStatus.ScheduleState> schedules() {
        Scheduler running = scheduler;
        if (running != null) {
            return running.status();
        }
        return bundle.directive().schedules().stream().map(s -> new AdminStatus.ScheduleState(s.name(),
                s.every().period(), Optional.empty(), Optional.empty(), Optional.empty())).toList();
    }

    boolean awaitIdle(Duration grace) {
        return inFlight.awaitIdle(grace);
    }

    int inFlight() {
        return inFlight.count();
    }

    Router<RouteHandler> routes() {
        return routes;
    }

    Router<WebSocketEndpoint> websockets() {
        return websockets;
    }

    Bundle bundle() {
        return bundle;
    }

    LoadedRunnables runnables() {
        return runnables;
    }

    @Override
    public void close() {
        stopBackground(Duration.ZERO);
        if (runnables != null) {
            runnables.close();
        }
        if (capabilitySet != null) {
            capabilitySet.close();
        }
    }
}
