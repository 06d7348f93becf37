package dev.atmo.server;

import dev.atmo.admin.Activity;
import dev.atmo.bundle.Bundle;
import dev.atmo.http.HttpServer;
import dev.atmo.http.WebSocketSettings;
import dev.atmo.metrics.AtmoMetrics;
import dev.atmo.trace.Tracing;
import dev.atmo.wasm.GuestThreads;
import dev.atmo.wasm.cache.ModuleCache;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atmo: the HTTP server (and the admin server, when asked for) in front of the loaded {@link Application}.
 * A reload loads the new bundle beside the old one and swaps them; a stop drains in-flight work first.
 */
public final class AtmoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo");
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);

    private final ServerOptions options;
    private final Tracing tracing;
    private final AtmoMetrics metrics;
    private final Activity activity = new Activity();
    private final AtomicReference<Application> application = new AtomicReference<>();
    private final OperationsRoutes operations;
    private final GuestThreads guests;
    private final Object closing = new Object();
    private Optional<ModuleCache> moduleCache = Optional.empty();
    private HttpServer http;
    private HttpServer admin;
    private BundleWatcher watcher;
    private volatile boolean stopping;
    private volatile Thread reloading;
    private boolean closed;

    private AtmoServer(ServerOptions options) {
        this.options = options;
        this.tracing = Tracing.start(options.tracing());
        this.metrics = new AtmoMetrics(tracing);
        ServerOptions.Operations ops = options.operations();
        this.operations = new OperationsRoutes(ops, metrics,
                () -> !stopping && application.get() != null && application.get().ready(),
                () -> AdminStatusSource.of(application.get(), activity, options.headless()));
        this.guests = GuestThreads.start(options.guestThreads(), options.guestNiceness());
        metrics.guestThreads(guests);
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
        moduleCache = options.moduleCache().map(ModuleCache::open);
        moduleCache.ifPresent(cache -> LOG.info("compiled modules are cached in {}", cache.directory()));
        // Netty's set-up does not depend on the bundle: it runs on another core while the bundle loads, and the
        // port is bound only once every Runnable is ready (never, when the bundle fails to load)
        CompletableFuture<HttpServer> preparing = CompletableFuture.supplyAsync(() -> httpServer().prepare(),
                task -> Thread.ofPlatform().name("atmo-http-setup").daemon().start(task));
        Application app;
        try {
            app = Application.load(options, moduleCache, metrics, activity, sharedOperations(), guests, tracing);
        } catch (RuntimeException e) {
            preparing.thenAccept(HttpServer::close);
            throw e;
        }
        application.set(app);
        activity.bundleLoaded(true, "loaded " + app.runnables().all().size() + " Runnables");
        app.runnables().measurePools();
        try {
            http = preparing.join().start();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (options.operations().adminPort().isPresent()) {
            var adminRoutes = operations.alone();
            admin = HttpServer.builder().host(options.host()).port(options.operations().adminPort().get())
                    .router(() -> adminRoutes).build().start();
            LOG.info("operator endpoints on {}:{}", options.host(), admin.port());
        }
        app.startBackground();
        // said once the stream handlers are subscribed too, so that whoever waits for it can publish at once
        LOG.info("serving on {}:{}{}", options.host(), http.port(), options.tls().isPresent() ? " (TLS)" : "");
        if (options.watch()) {
            watcher = BundleWatcher.start(options.bundle(), WATCH_INTERVAL, this::reload);
        }
    }

    private HttpServer httpServer() {
        return HttpServer.builder().host(options.host()).port(options.port())
                .maxBodyBytes(options.maxBodyBytes()).tls(options.tls()).connections(options.connections())
                .router(() -> application.get().routes())
                .websockets(new WebSocketSettings(() -> application.get().websockets(),
                        options.webSocketMaxFrameBytes(), options.webSocketIdleTimeout()))
                .build();
    }

    private Optional<OperationsRoutes> sharedOperations() {
        return options.operations().adminPort().isPresent() ? Optional.empty() : Optional.of(operations);
    }

    /**
     * Loads the bundle again and, when it is valid, swaps it in: new requests go to the new bundle while those
     * in flight finish on the old one. An invalid bundle is reported and the current one keeps serving, whatever
     * went wrong (a start-up past its deadline, even an error such as a stack overflow). A stop while the new
     * bundle loads interrupts the load rather than waiting for it.
     *
     * @return true when the new bundle is now serving
     */
    public synchronized boolean reload() {
        // published before stopping is read, the opposite order of close(): one of the two sees the other
        reloading = Thread.currentThread();
        try {
            return !stopping && swapIn();
        } finally {
            reloading = null;
        }
    }

    private boolean swapIn() {
        Application next;
        try {
            next = Application.load(options, moduleCache, metrics, activity, sharedOperations(), guests, tracing);
        } catch (RuntimeException | Error e) {
            String problem = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("reload of {} failed, the current bundle keeps serving: {}", options.bundle(), problem);
            reloaded(false, problem);
            return false;
        }
        if (stopping) {
            next.close();
            return false;
        }
        Application previous = application.getAndSet(next);
        previous.stopBackground(options.shutdownGrace());
        try {
            next.startBackground();
        } catch (RuntimeException e) {
            LOG.error("reload of {} failed to start its streams or schedules, the current bundle keeps serving: {}",
                    options.bundle(), e.getMessage());
            application.set(previous);
            previous.startBackground();
            next.close();
            reloaded(false, "streams or schedules failed to start: " + e.getMessage());
            return false;
        }
        next.runnables().measurePools();
        LOG.info("reloaded {}", options.bundle());
        reloaded(true, "reloaded " + next.runnables().all().size() + " Runnables");
        Thread.ofVirtual().name("retire-bundle").start(() -> retire(previous));
        return true;
    }

    private void reloaded(boolean ok, String message) {
        metrics.reload(ok);
        activity.bundleLoaded(ok, message);
    }

    private void retire(Application previous) {
        previous.awaitIdle(options.shutdownGrace());
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        previous.awaitIdle(options.shutdownGrace());
        previous.close();
    }

    public int port() {
        return http.port();
    }

    /** The admin port when the operator endpoints are served apart. */
    public Optional<Integer> adminPort() {
        return Optional.ofNullable(admin).map(HttpServer::port);
    }

    public Bundle bundle() {
        return application.get().bundle();
    }

    public LoadedRunnables runnables() {
        return application.get().runnables();
    }

    public AtmoMetrics metrics() {
        return metrics;
    }

    /**
     * Stops gracefully: no new connections, background work stopped, in-flight requests and messages finished
     * within the grace period, websockets closed with a close frame, then everything released. A reload still
     * loading its bundle is interrupted, never waited for.
     */
    @Override
    public void close() {
        synchronized (closing) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopping = true;
        if (watcher != null) {
            watcher.close();
        }
        Thread reload = reloading;
        if (reload != null) {
            reload.interrupt();
        }
        synchronized (this) {
            stop();
        }
    }

    private void stop() {
        if (http != null) {
            http.stopAccepting();
        }
        Application app = application.get();
        if (app != null) {
            app.stopBackground(options.shutdownGrace());
            if (!app.awaitIdle(options.shutdownGrace())) {
                LOG.warn("stopping with {} requests still running after the grace period", app.inFlight());
            }
        }
        if (http != null && !http.awaitIdle(options.shutdownGrace())) {
            LOG.warn("stopping before every response was written");
        }
        if (http != null) {
            http.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (app != null) {
            app.close();
        }
        guests.close();
        tracing.close();
        LOG.info("stopped");
    }
}
