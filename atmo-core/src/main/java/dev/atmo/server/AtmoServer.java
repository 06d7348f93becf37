package dev.atmo.server;

import dev.atmo.bundle.Bundle;
import dev.atmo.bundle.BundleReader;
import dev.atmo.capability.CapabilitySet;
import dev.atmo.directive.Directive;
import dev.atmo.directive.Handler;
import dev.atmo.directive.RunnableDecl;
import dev.atmo.directive.Step;
import dev.atmo.http.HttpServer;
import dev.atmo.http.RouteHandler;
import dev.atmo.http.Router;
import dev.atmo.http.WebSocketEndpoint;
import dev.atmo.http.WebSocketSettings;
import dev.atmo.schedule.Scheduler;
import dev.atmo.sequence.Sequence;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atmo: a bundle, its Runnables loaded into the engine, and the HTTP server serving its handlers
 * (or, headless, every Runnable at its FQFN path).
 */
public final class AtmoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo");

    private final ServerOptions options;
    private final AtomicReference<Router<RouteHandler>> router = new AtomicReference<>();
    private final AtomicReference<Router<WebSocketEndpoint>> websockets = new AtomicReference<>();
    private Bundle bundle;
    private LoadedRunnables runnables;
    private CapabilitySet capabilitySet;
    private HttpServer http;
    private Scheduler scheduler;

    private AtmoServer(ServerOptions options) {
        this.options = options;
    }

    /** Loads the bundle and starts serving; failures close whatever started and are rethrown. */
    public static AtmoServer start(ServerOptions options) {
        AtmoServer server = new AtmoServer(options);
        try {
            server.startUp();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void startUp() {
        bundle = BundleReader.builder().build().read(options.bundle());
        bundle.warnings().forEach(w -> LOG.warn("{}", w));
        LOG.info("loaded bundle from {}", options.bundle());
        capabilitySet = CapabilitySet.build(bundle, name -> Optional.ofNullable(System.getenv(name)));
        runnables = LoadedRunnables.load(bundle, options.engineMode(), options.limits(), options.abi(),
                capabilitySet.capabilities());
        router.set(options.headless() ? headlessRouter(bundle.directive()) : handlerRouter(bundle.directive()));
        websockets.set(websocketRouter(bundle.directive()));
        http = HttpServer.builder().host(options.host()).port(options.port())
                .maxBodyBytes(options.maxBodyBytes()).router(router::get)
                .websockets(new WebSocketSettings(websockets::get, WebSocketSettings.DEFAULT_MAX_FRAME_BYTES,
                        WebSocketSettings.DEFAULT_IDLE_TIMEOUT))
                .build().start();
        LOG.info("serving on {}:{}", options.host(), http.port());
        if (!options.headless() && !bundle.directive().schedules().isEmpty()) {
            if (options.runSchedules()) {
                scheduler = Scheduler.start(bundle.directive().schedules(),
                        s -> sequence(s.steps(), Optional.empty()));
            } else {
                LOG.info("schedules are registered but not run (run-schedules is off)");
            }
        }
    }

    private Router<RouteHandler> handlerRouter(Directive directive) {
        Router.Builder<RouteHandler> routes = Router.builder();
        for (Handler handler : directive.handlers()) {
            if (handler.isRequest()) {
                routes.add(handler.method(), handler.resource(), new SequenceRoute(sequence(handler.steps(),
                        handler.response())));
            }
        }
        return routes.build();
    }

    private Router<WebSocketEndpoint> websocketRouter(Directive directive) {
        Router.Builder<WebSocketEndpoint> routes = Router.builder();
        if (options.headless()) {
            return routes.build();
        }
        for (Handler handler : directive.handlers()) {
            if (handler.isWebsocketStream()) {
                List<String> origins = List.of(handler.extensions().getOrDefault("allowedOrigins", "").split(","))
                        .stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
                routes.add("GET", handler.resource(), new WebSocketEndpoint(
                        new SequenceRoute(sequence(handler.steps(), handler.response())), origins));
            }
        }
        return routes.build();
    }

    private Router<RouteHandler> headlessRouter(Directive directive) {
        Router.Builder<RouteHandler> routes = Router.builder();
        for (RunnableDecl runnable : directive.runnables()) {
            String fqfn = directive.fqfnOf(runnable).toString();
            Step step = Step.fn(fqfn, "", Map.of(), null, null);
            routes.add("POST", directive.fqfnOf(runnable).headlessPath(),
                    new HeadlessRoute(sequence(List.of(step), Optional.empty())));
        }
        return routes.build();
    }

    private Sequence sequence(List<Step> steps, Optional<String> response) {
        return new Sequence(steps, response, runnables, options.limits().maxInstances());
    }

    public int port() {
        return http.port();
    }

    public Bundle bundle() {
        return bundle;
    }

    public LoadedRunnables runnables() {
        return runnables;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (http != null) {
            http.close();
        }
        if (runnables != null) {
            runnables.close();
        }
        if (capabilitySet != null) {
            capabilitySet.close();
        }
    }
}
