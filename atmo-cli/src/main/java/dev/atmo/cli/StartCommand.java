package dev.atmo.cli;

import dev.atmo.bundle.BundleException;
import dev.atmo.capability.CacheLimits;
import dev.atmo.cli.log.LoggingSetup;
import dev.atmo.http.ConnectionLimits;
import dev.atmo.http.TlsFiles;
import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import dev.atmo.trace.TraceSettings;
import dev.atmo.wasm.EngineMode;
import dev.atmo.wasm.GuestThreads;
import dev.atmo.wasm.Limits;
import dev.atmo.wasm.abi.AbiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atmo start [BUNDLE]}: loads a bundle and serves it until stopped (SIGTERM or SIGINT drain first). */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = "Loads a bundle and serves its handlers. Every option has an ATMO_* environment variable.")
final class StartCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BUNDLE", defaultValue = "${env:ATMO_BUNDLE_PATH:-runnables.wasm.zip}",
            description = "runnables.wasm.zip or a bundle directory; env ATMO_BUNDLE_PATH")
    Path bundle;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${env:ATMO_HTTP_PORT:-8080}",
            description = "HTTP (or HTTPS with --tls-cert) port; env ATMO_HTTP_PORT")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "${env:ATMO_HTTP_HOST:-0.0.0.0}",
            description = "address to bind; env ATMO_HTTP_HOST")
    String host;

    @Option(names = "--headless", negatable = true, defaultValue = "${env:ATMO_HEADLESS:-false}", fallbackValue = "true",
            description = "serve every Runnable at POST /<identifier>/<namespace>/<name>/<version>; env ATMO_HEADLESS")
    boolean headless;

    @Option(names = "--run-schedules", negatable = true, defaultValue = "${env:ATMO_RUN_SCHEDULES:-true}",
            fallbackValue = "true", description = "fire schedules; env ATMO_RUN_SCHEDULES")
    boolean runSchedules;

    @Option(names = "--wait", defaultValue = "${env:ATMO_WAIT:-false}",
            description = "wait for the bundle to appear and be valid instead of failing; env ATMO_WAIT")
    boolean waitForBundle;

    @Option(names = "--watch", defaultValue = "${env:ATMO_WATCH:-false}",
            description = "reload the bundle when it changes, keeping the old one if the new one is invalid; env ATMO_WATCH")
    boolean watch;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "${env:ATMO_MAX_BODY_BYTES:-10485760}",
            description = "larger request bodies get 413; env ATMO_MAX_BODY_BYTES")
    int maxBodyBytes;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "${env:ATMO_TIMEOUT_SECONDS:-30}",
            description = "deadline of one Runnable invocation; env ATMO_TIMEOUT_SECONDS")
    double timeoutSeconds;

    @Mixin
    ModuleSettings modules;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "${env:ATMO_INSTANCES:-0}",
            description = "most instances per Runnable, 0 = twice the processors (at least 4); env ATMO_INSTANCES")
    int instances;

    @Option(names = "--quick-budget-ms", paramLabel = "MS", defaultValue = "${env:ATMO_QUICK_BUDGET_MS:-5}",
            description = "a single-step handler whose Runnable only computes (no HTTP, GraphQL, cache, database or "
                    + "static files) is first run on the connection's event loop; a run longer than this is stopped "
                    + "and the request runs on its own thread; 0 = always on its own thread; env ATMO_QUICK_BUDGET_MS")
    long quickBudgetMs;

    @Option(names = "--guest-threads", paramLabel = "N", defaultValue = "${env:ATMO_GUEST_THREADS:-0}",
            description = "platform threads that run guest code, for every Runnable together; a request that gets "
                    + "none within the pool wait is answered 503; 0 = four per processor, at least eight; "
                    + "env ATMO_GUEST_THREADS")
    int guestThreads;

    @Option(names = "--guest-niceness", paramLabel = "N", defaultValue = "${env:ATMO_GUEST_NICENESS:-10}",
            description = "how much nicer (lower in the operating system's priority) than the rest of the server "
                    + "guest threads run, 0 to 19, so that health probes and the event loops get a processor "
                    + "while every core runs guest code; 0 = the same priority; env ATMO_GUEST_NICENESS")
    int guestNiceness;

    @Option(names = "--interpreter", defaultValue = "${env:ATMO_INTERPRETER:-false}",
            description = "run guests in Chicory's interpreter instead of its compiler; env ATMO_INTERPRETER")
    boolean interpreter;

    @Option(names = "--compile-wait", defaultValue = "${env:ATMO_COMPILE_WAIT:-false}",
            description = "serve only once every Runnable is compiled; by default Runnables are compiled in the "
                    + "background and interpreted until then; env ATMO_COMPILE_WAIT")
    boolean compileWait;

    @Option(names = "--module-cache", paramLabel = "DIR", defaultValue = "${env:ATMO_MODULE_CACHE}",
            description = "keep compiled modules in this directory (yours, not writable by others) so later starts "
                    + "skip compiling them; off by default; env ATMO_MODULE_CACHE")
    Path moduleCache;

    @Option(names = "--tls-cert", paramLabel = "PEM", defaultValue = "${env:ATMO_TLS_CERT}",
            description = "serve HTTPS (HTTP/2 and HTTP/1.1) with this PEM certificate chain; env ATMO_TLS_CERT")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", defaultValue = "${env:ATMO_TLS_KEY}",
            description = "the PEM (PKCS#8) private key of --tls-cert; env ATMO_TLS_KEY")
    Path tlsKey;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS", defaultValue = "${env:ATMO_SHUTDOWN_GRACE_SECONDS:-30}",
            description = "how long a stop waits for in-flight requests and messages; env ATMO_SHUTDOWN_GRACE_SECONDS")
    double shutdownGraceSeconds;

    @Option(names = "--health-path", paramLabel = "PATH", defaultValue = "${env:ATMO_HEALTH_PATH:-/health}",
            description = "health endpoint; env ATMO_HEALTH_PATH")
    String healthPath;

    @Option(names = "--ready-path", paramLabel = "PATH", defaultValue = "${env:ATMO_READY_PATH:-/ready}",
            description = "readiness endpoint; env ATMO_READY_PATH")
    String readyPath;

    @Option(names = "--metrics-path", paramLabel = "PATH", defaultValue = "${env:ATMO_METRICS_PATH:-/meta/metrics}",
            description = "Prometheus metrics endpoint; env ATMO_METRICS_PATH")
    String metricsPath;

    @Option(names = "--admin-path", paramLabel = "PATH", defaultValue = "${env:ATMO_ADMIN_PATH:-/meta/}",
            description = "admin page; its JSON is at <PATH>status; env ATMO_ADMIN_PATH")
    String adminPath;

    @Option(names = "--admin-port", paramLabel = "N", defaultValue = "${env:ATMO_ADMIN_PORT:--1}",
            description = "serve health, readiness, metrics and the admin page on this port only (-1 = beside the routes); "
                    + "env ATMO_ADMIN_PORT")
    int adminPort;

    @Option(names = "--otlp-endpoint", paramLabel = "URL", defaultValue = "${env:ATMO_OTLP_ENDPOINT}",
            description = "export traces over OTLP/HTTP to this collector base URL (spans go to its /v1/traces); off "
                    + "unless this or OTEL_EXPORTER_OTLP_ENDPOINT is set; the other OTEL_* variables apply; "
                    + "env ATMO_OTLP_ENDPOINT")
    String otlpEndpoint;

    @Option(names = "--ws-max-frame-bytes", paramLabel = "BYTES", defaultValue = "${env:ATMO_WS_MAX_FRAME_BYTES:-65536}",
            description = "larger websocket messages close the connection; env ATMO_WS_MAX_FRAME_BYTES")
    int wsMaxFrameBytes;

    @Option(names = "--ws-idle-timeout", paramLabel = "SECONDS", defaultValue = "${env:ATMO_WS_IDLE_SECONDS:-300}",
            description = "idle websocket connections are closed; env ATMO_WS_IDLE_SECONDS")
    double wsIdleSeconds;

    @Option(names = "--header-timeout", paramLabel = "SECONDS", defaultValue = "${env:ATMO_HEADER_TIMEOUT_SECONDS:-10}",
            description = "a connection whose request line and headers do not arrive within this is closed; "
                    + "env ATMO_HEADER_TIMEOUT_SECONDS")
    double headerTimeoutSeconds;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "${env:ATMO_IDLE_TIMEOUT_SECONDS:-60}",
            description = "a keep-alive connection with no request, or with unread responses, for this long is "
                    + "closed; env ATMO_IDLE_TIMEOUT_SECONDS")
    double idleTimeoutSeconds;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "${env:ATMO_MAX_CONNECTIONS:-10000}",
            description = "connections past this many open ones get 503 and are closed; keep it below the "
                    + "process's open-file limit; env ATMO_MAX_CONNECTIONS")
    int maxConnections;

    @Option(names = "--max-pending-output-bytes", paramLabel = "BYTES",
            defaultValue = "${env:ATMO_MAX_PENDING_OUTPUT_BYTES:-262144}",
            description = "once this many response bytes wait for a client to read them, that connection is not "
                    + "read from until they drain; env ATMO_MAX_PENDING_OUTPUT_BYTES")
    int maxPendingOutputBytes;

    @Option(names = "--cache-max-bytes", paramLabel = "BYTES", defaultValue = "${env:ATMO_CACHE_MAX_BYTES:-67108864}",
            description = "bytes of all keys and values of the in-memory cache; least recently used entries are "
                    + "evicted past it; env ATMO_CACHE_MAX_BYTES")
    long cacheMaxBytes;

    @Option(names = "--cache-max-value-bytes", paramLabel = "BYTES",
            defaultValue = "${env:ATMO_CACHE_MAX_VALUE_BYTES:-1048576}",
            description = "a larger value makes the guest's cache_set fail; env ATMO_CACHE_MAX_VALUE_BYTES")
    int cacheMaxValueBytes;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "${env:ATMO_LOG_FORMAT:-text}",
            description = "log line format; env ATMO_LOG_FORMAT")
    LoggingSetup.Format logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:ATMO_LOG_LEVEL:-info}",
            description = "trace, debug, info, warn or error; env ATMO_LOG_LEVEL")
    String logLevel;

    @Option(names = "--log-file", paramLabel = "FILE", defaultValue = "${env:ATMO_LOG_FILE}",
            description = "append log lines to this file instead of stdout; env ATMO_LOG_FILE")
    Path logFile;

    @Option(names = "--idle-gc-seconds", paramLabel = "SECONDS", defaultValue = "${env:ATMO_IDLE_GC_SECONDS:-30}",
            description = "with the G1 collector, collect when none ran for this long, returning the memory a burst "
                    + "left resident (0: never); env ATMO_IDLE_GC_SECONDS")
    long idleGcSeconds;

    @Option(names = "--app-name", paramLabel = "NAME", defaultValue = "${env:ATMO_APP_NAME:-Atmo}",
            description = "name shown in the start-up log; env ATMO_APP_NAME")
    String appName;

    @Override
    public Integer call() {
        ServerOptions options;
        try {
            LoggingSetup.configure(logFormat, logLevel, Optional.ofNullable(logFile), Version.current());
            options = options();
        } catch (IllegalArgumentException e) {
            System.err.println("atmo: " + e.getMessage());
            return 2;
        }
        LoggerFactory.getLogger("dev.atmo").info("starting {} {} ...", appName, Version.current());
        AtmoServer server;
        try {
            server = waitForBundle ? startWaiting(options) : AtmoServer.start(options);
        } catch (BundleException e) {
            LoggingSetup.flush();
            int problems = ProblemReport.print(System.err, e);
            String hint = Files.exists(bundle) ? "" : " (start with --wait to wait for it to appear)";
            System.err.println("atmo: not starting, " + bundle + " has " + ProblemReport.count(problems) + hint);
            return 1;
        } catch (Exception e) {
            // Netty's bind failures are checked exceptions thrown without being declared
            LoggingSetup.flush();
            System.err.println("atmo: not starting: " + StartFailure.explain(e,
                    new StartFailure.Listening(host, port, adminPort < 0 ? Optional.empty() : Optional.of(adminPort))));
            if (logLevel.equalsIgnoreCase("debug") || logLevel.equalsIgnoreCase("trace")) {
                e.printStackTrace();
            }
            return 1;
        }
        IdleMemory.collectAfterInBackground(Duration.ofSeconds(idleGcSeconds));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
            LoggingSetup.flush();
            System.out.flush();
            // a drained stop is a clean exit, whatever signal asked for it
            Runtime.getRuntime().halt(0);
        }, "atmo-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Polls once per second until the bundle exists and loads. */
    private AtmoServer startWaiting(ServerOptions options) {
        while (true) {
            try {
                if (Files.exists(options.bundle())) {
                    return AtmoServer.start(options);
                }
                LoggerFactory.getLogger("dev.atmo").info("waiting for {}", options.bundle());
            } catch (BundleException e) {
                LoggerFactory.getLogger("dev.atmo").warn("waiting for a valid {}: {} problem(s), first: {}",
                        options.bundle(), e.problems().size(), e.problems().isEmpty() ? "" : e.problems().get(0));
            }
            try {
                Thread.sleep(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the bundle");
            }
        }
    }

    /** A file option that names nothing readable is refused before anything starts, naming the option. */
    private static void readable(String option, String env, Path file) {
        if (file == null) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + " (env " + env + "): no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + " (env " + env + "): not readable by this user");
        }
    }

    private EngineMode engineMode() {
        if (interpreter) {
            return EngineMode.INTERPRETER;
        }
        return compileWait ? EngineMode.COMPILER : EngineMode.COMPILER_IN_BACKGROUND;
    }

    ServerOptions options() {
        Limits.Builder limits = modules.limits()
                .deadline(Duration.ofMillis((long) (timeoutSeconds * 1000)));
        if (quickBudgetMs < 0) {
            throw new IllegalArgumentException("--quick-budget-ms must not be negative, got " + quickBudgetMs);
        }
        limits.quickBudget(Duration.ofMillis(quickBudgetMs));
        if (idleGcSeconds < 0) {
            throw new IllegalArgumentException("--idle-gc-seconds must not be negative (0 turns it off), got "
                    + idleGcSeconds);
        }
        if (instances > 0) {
            limits.maxInstances(instances);
        }
        Optional<AbiVersion> forced = modules.forcedAbi();
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        readable("--tls-cert", "ATMO_TLS_CERT", tlsCert);
        readable("--tls-key", "ATMO_TLS_KEY", tlsKey);
        Optional<TlsFiles> tls = tlsCert == null ? Optional.empty() : Optional.of(new TlsFiles(tlsCert, tlsKey));
        return ServerOptions.builder()
                .bundle(bundle).host(host).port(port).headless(headless).runSchedules(runSchedules)
                .maxBodyBytes(maxBodyBytes).engineMode(engineMode())
                .abi(forced).limits(limits.build()).watch(watch).tls(tls)
                .shutdownGrace(Duration.ofMillis((long) (shutdownGraceSeconds * 1000)))
                .operations(new ServerOptions.Operations(healthPath, readyPath, metricsPath, adminPath,
                        adminPort < 0 ? Optional.empty() : Optional.of(adminPort)))
                .webSocketMaxFrameBytes(wsMaxFrameBytes)
                .webSocketIdleTimeout(Duration.ofMillis((long) (wsIdleSeconds * 1000)))
                .moduleCache(Optional.ofNullable(moduleCache).filter(dir -> !dir.toString().isBlank()))
                .connections(new ConnectionLimits(seconds(headerTimeoutSeconds, "--header-timeout"),
                        seconds(idleTimeoutSeconds, "--idle-timeout"), maxConnections, maxPendingOutputBytes))
                .cache(new CacheLimits(cacheMaxBytes, cacheMaxValueBytes))
                .guestThreads(guestThreads > 0 ? guestThreads : GuestThreads.defaultThreads())
                .guestNiceness(guestNiceness)
                .tracing(tracing())
                .build();
    }

    private TraceSettings tracing() {
        try {
            return TraceSettings.from(Optional.ofNullable(otlpEndpoint), name -> Optional.ofNullable(System.getenv(name)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--otlp-endpoint (env ATMO_OTLP_ENDPOINT): " + e.getMessage(), e);
        }
    }

    private static Duration seconds(double seconds, String option) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException(option + " must be more than 0 seconds, got " + seconds);
        }
        return Duration.ofMillis(Math.max(1, (long) (seconds * 1000)));
    }
}
