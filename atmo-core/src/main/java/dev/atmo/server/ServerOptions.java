package dev.atmo.server;

import dev.atmo.capability.CacheLimits;
import dev.atmo.http.ConnectionLimits;
import dev.atmo.http.HttpServer;
import dev.atmo.http.TlsFiles;
import dev.atmo.http.WebSocketSettings;
import dev.atmo.trace.TraceSettings;
import dev.atmo.wasm.EngineMode;
import dev.atmo.wasm.GuestNiceness;
import dev.atmo.wasm.GuestThreads;
import dev.atmo.wasm.Limits;
import dev.atmo.wasm.abi.AbiVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link AtmoServer} is started with; built the same way from code and from the CLI.
 *
 * @param bundle          the bundle: a {@code runnables.wasm.zip} or a directory
 * @param host            the address to bind (default all interfaces)
 * @param port            the HTTP port (0 picks a free one)
 * @param headless        serve every Runnable at its FQFN path instead of the Directive's handlers
 * @param runSchedules    run schedule timers (false registers schedules without firing them)
 * @param maxBodyBytes    request bodies above this get 413
 * @param engineMode      Chicory's compiler or interpreter
 * @param abi             force one ABI generation for every Runnable
 * @param limits          per-Runnable deadline, memory cap and pool bounds
 * @param operations      health, readiness, metrics and admin page paths, and the admin port if they are served apart
 * @param watch           reload the bundle when it changes
 * @param shutdownGrace   how long a stop waits for in-flight requests and messages
 * @param tls             certificate and key to serve HTTPS (HTTP/2 and HTTP/1.1) instead of HTTP
 * @param webSocketMaxFrameBytes larger websocket messages close the connection
 * @param webSocketIdleTimeout   idle websocket connections are closed after this
 * @param moduleCache     directory where compiled modules are kept between starts (off when empty)
 * @param connections     header and idle timeouts, connection limit and pending output per connection
 * @param cache           bytes in all and per value of the in-memory cache
 * @param guestThreads    how many platform threads run guest code, for every Runnable together
 * @param guestNiceness   how much nicer (lower in priority) than the rest of the server guest threads run
 * @param tracing         whether and where spans are exported (off by default)
 */
public record ServerOptions(Path bundle, String host, int port, boolean headless, boolean runSchedules,
                            int maxBodyBytes, EngineMode engineMode, Optional<AbiVersion> abi, Limits limits,
                            Operations operations, boolean watch, Duration shutdownGrace, Optional<TlsFiles> tls,
                            int webSocketMaxFrameBytes, Duration webSocketIdleTimeout, Optional<Path> moduleCache,
                            ConnectionLimits connections, CacheLimits cache, int guestThreads,
                            int guestNiceness, TraceSettings tracing) {

    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    public ServerOptions {
        Objects.requireNonNull(bundle);
        Objects.requireNonNull(host);
        Objects.requireNonNull(engineMode);
        Objects.requireNonNull(abi);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(operations);
        Objects.requireNonNull(shutdownGrace);
        Objects.requireNonNull(tls);
        Objects.requireNonNull(webSocketIdleTimeout);
        Objects.requireNonNull(moduleCache);
        Objects.requireNonNull(connections);
        Objects.requireNonNull(cache);
        Objects.requireNonNull(tracing);
        if (guestThreads < 1) {
            throw new IllegalArgumentException("guestThreads must be at least 1, got " + guestThreads);
        }
        if (guestNiceness < 0 || guestNiceness > GuestNiceness.MAX) {
            throw new IllegalArgumentException("guestNiceness must be between 0 and " + GuestNiceness.MAX
                    + ", got " + guestNiceness);
        }
    }

    /**
     * Where the operator endpoints live.
     *
     * @param adminPath the admin page; its JSON twin is at {@link #statusPath()}
     * @param adminPort serve them on this port only (0 = a free port) instead of beside the user routes
     */
    public record Operations(String healthPath, String readyPath, String metricsPath, String adminPath,
                             Optional<Integer> adminPort) {
        public static final String DEFAULT_ADMIN_PATH = "/meta/";

        public Operations {
            Objects.requireNonNull(healthPath);
            Objects.requireNonNull(readyPath);
            Objects.requireNonNull(metricsPath);
            Objects.requireNonNull(adminPath);
            Objects.requireNonNull(adminPort);
        }

        /** The endpoints at these paths with the admin page at {@value #DEFAULT_ADMIN_PATH}. */
        public Operations(String healthPath, String readyPath, String metricsPath, Optional<Integer> adminPort) {
            this(healthPath, readyPath, metricsPath, DEFAULT_ADMIN_PATH, adminPort);
        }

        public static Operations defaults() {
            return new Operations("/health", "/ready", "/meta/metrics", Optional.empty());
        }

        /** The admin page's data as JSON: {@code status} beside the page ({@code /meta/} gives {@code /meta/status}). */
        public String statusPath() {
            return adminPath.endsWith("/") ? adminPath + "status" : adminPath + "/status";
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ServerOptions}; defaults match the documented defaults of {@code atmo start}. */
    public static final class Builder {
        private Path bundle = Path.of("runnables.wasm.zip");
        private String host = "0.0.0.0";
        private int port = 8080;
        private boolean headless;
        private boolean runSchedules = true;
        private int maxBodyBytes = HttpServer.DEFAULT_MAX_BODY_BYTES;
        private EngineMode engineMode = EngineMode.COMPILER;
        private Optional<AbiVersion> abi = Optional.empty();
        private Limits limits = Limits.defaults();
        private Operations operations = Operations.defaults();
        private boolean watch;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private Optional<TlsFiles> tls = Optional.empty();
        private int webSocketMaxFrameBytes = WebSocketSettings.DEFAULT_MAX_FRAME_BYTES;
        private Duration webSocketIdleTimeout = WebSocketSettings.DEFAULT_IDLE_TIMEOUT;
        private Optional<Path> moduleCache = Optional.empty();
        private ConnectionLimits connections = ConnectionLimits.defaults();
        private CacheLimits cache = CacheLimits.defaults();

        public Builder connections(ConnectionLimits connections) {
            this.connections = connections;
            return this;
        }

        public Builder cache(CacheLimits cache) {
            this.cache = cache;
            return this;
        }
        private int guestThreads = GuestThreads.defaultThreads();
        private int guestNiceness = GuestThreads.DEFAULT_NICENESS;
        private TraceSettings tracing = TraceSettings.off();

        public Builder bundle(Path bundle) {
            this.bundle = bundle;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder headless(boolean headless) {
            this.headless = headless;
            return this;
        }

        public Builder runSchedules(boolean runSchedules) {
            this.runSchedules = runSchedules;
            return this;
        }

        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder engineMode(EngineMode engineMode) {
            this.engineMode = engineMode;
            return this;
        }

        public Builder abi(Optional<AbiVersion> abi) {
            this.abi = abi;
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        public Builder operations(Operations operations) {
            this.operations = operations;
            return this;
        }

        public Builder watch(boolean watch) {
            this.watch = watch;
            return this;
        }

        public Builder shutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        public Builder tls(Optional<TlsFiles> tls) {
            this.tls = tls;
            return this;
        }

        public Builder webSocketMaxFrameBytes(int bytes) {
            this.webSocketMaxFrameBytes = bytes;
            return this;
        }

        public Builder webSocketIdleTimeout(Duration timeout) {
            this.webSocketIdleTimeout = timeout;
            return this;
        }

        public Builder moduleCache(Optional<Path> directory) {
            this.moduleCache = directory;
            return this;
        }

        /** How many platform threads run guest code (default four per processor, at least eight). */
        public Builder guestThreads(int threads) {
            this.guestThreads = threads;
            return this;
        }

        /** How much nicer than the rest of the server guest threads run (default 10; 0 = as nice). */
        public Builder guestNiceness(int niceness) {
            this.guestNiceness = niceness;
            return this;
        }

        /** Whether and where spans are exported (default off). */
        public Builder tracing(TraceSettings tracing) {
            this.tracing = tracing;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(bundle, host, port, headless, runSchedules, maxBodyBytes, engineMode, abi,
                    limits, operations, watch, shutdownGrace, tls, webSocketMaxFrameBytes, webSocketIdleTimeout,
                    moduleCache, connections, cache, guestThreads, guestNiceness, tracing);
        }
    }
}
