package dev.atmo.cli;

import dev.atmo.bundle.BundleException;
import dev.atmo.directive.Problem;
import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import dev.atmo.wasm.EngineMode;
import dev.atmo.wasm.Limits;
import dev.atmo.wasm.abi.AbiVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atmo start [BUNDLE]}: loads a bundle and serves it until stopped. */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Loads a bundle and serves its handlers.")
final class StartCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BUNDLE", defaultValue = "${env:ATMO_BUNDLE_PATH:-runnables.wasm.zip}",
            description = "runnables.wasm.zip or a bundle directory; env ATMO_BUNDLE_PATH (default: ${DEFAULT-VALUE})")
    Path bundle;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${env:ATMO_HTTP_PORT:-8080}",
            description = "HTTP port; env ATMO_HTTP_PORT (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "${env:ATMO_HTTP_HOST:-0.0.0.0}",
            description = "address to bind; env ATMO_HTTP_HOST (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--headless", negatable = true, defaultValue = "${env:ATMO_HEADLESS:-false}", fallbackValue = "true",
            description = "serve every Runnable at POST /<identifier>/<namespace>/<name>/<version>; env ATMO_HEADLESS (default: ${DEFAULT-VALUE})")
    boolean headless;

    @Option(names = "--run-schedules", negatable = true, defaultValue = "${env:ATMO_RUN_SCHEDULES:-true}",
            fallbackValue = "true",
            description = "fire schedules; env ATMO_RUN_SCHEDULES (default: ${DEFAULT-VALUE})")
    boolean runSchedules;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "${env:ATMO_MAX_BODY_BYTES:-10485760}",
            description = "larger request bodies get 413; env ATMO_MAX_BODY_BYTES (default: ${DEFAULT-VALUE})")
    int maxBodyBytes;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "${env:ATMO_TIMEOUT_SECONDS:-30}",
            description = "deadline of one Runnable invocation; env ATMO_TIMEOUT_SECONDS (default: ${DEFAULT-VALUE})")
    double timeoutSeconds;

    @Option(names = "--max-memory-mib", paramLabel = "MIB", defaultValue = "${env:ATMO_MAX_MEMORY_MIB:-64}",
            description = "cap on each instance's linear memory; env ATMO_MAX_MEMORY_MIB (default: ${DEFAULT-VALUE})")
    int maxMemoryMib;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "${env:ATMO_INSTANCES:-0}",
            description = "most instances per Runnable, 0 = twice the processors (at least 4); env ATMO_INSTANCES")
    int instances;

    @Option(names = "--interpreter", defaultValue = "${env:ATMO_INTERPRETER:-false}",
            description = "run guests in Chicory's interpreter instead of its compiler; env ATMO_INTERPRETER")
    boolean interpreter;

    @Option(names = "--abi", paramLabel = "A|B", defaultValue = "${env:ATMO_ABI}",
            description = "force the Runnable ABI generation of every Runnable; env ATMO_ABI (default: from atmoVersion)")
    String abi;

    @Override
    public Integer call() {
        ServerOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            System.err.println("atmo: " + e.getMessage());
            return 2;
        }
        AtmoServer server;
        try {
            server = AtmoServer.start(options);
        } catch (BundleException e) {
            for (Problem problem : e.problems()) {
                System.err.println(problem);
            }
            System.err.println("atmo: not starting, " + bundle + " has " + e.problems().size() + " problem(s)");
            return 1;
        } catch (RuntimeException e) {
            System.err.println("atmo: not starting: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "atmo-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private ServerOptions options() {
        int pages = Math.max(1, Math.min(65536, maxMemoryMib * 16));
        Limits.Builder limits = Limits.builder()
                .withDeadline(Duration.ofMillis((long) (timeoutSeconds * 1000)))
                .withMaxMemoryPages(pages);
        if (instances > 0) {
            limits.withMaxInstances(instances);
        }
        Optional<AbiVersion> forced = abi == null || abi.isBlank() ? Optional.empty() : Optional.of(AbiVersion.parse(abi));
        return ServerOptions.builder()
                .bundle(bundle).host(host).port(port).headless(headless).runSchedules(runSchedules)
                .maxBodyBytes(maxBodyBytes).engineMode(interpreter ? EngineMode.INTERPRETER : EngineMode.COMPILER)
                .abi(forced).limits(limits.build())
                .build();
    }
}
