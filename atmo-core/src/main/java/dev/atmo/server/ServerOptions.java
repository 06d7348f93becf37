package dev.atmo.server;

import dev.atmo.http.HttpServer;
import dev.atmo.wasm.EngineMode;
import dev.atmo.wasm.Limits;
import dev.atmo.wasm.abi.AbiVersion;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link AtmoServer} is started with; built the same way from code and from the CLI.
 *
 * @param bundle        the bundle: a {@code runnables.wasm.zip} or a directory
 * @param host          the address to bind (default all interfaces)
 * @param port          the HTTP port (0 picks a free one)
 * @param headless      serve every Runnable at its FQFN path instead of the Directive's handlers
 * @param runSchedules  run schedule timers (false registers schedules without firing them)
 * @param maxBodyBytes  request bodies above this get 413
 * @param engineMode    Chicory's compiler or interpreter
 * @param abi           force one ABI generation for every Runnable
 * @param limits        per-Runnable deadline, memory cap and pool bounds
 */
public record ServerOptions(Path bundle, String host, int port, boolean headless, boolean runSchedules,
                            int maxBodyBytes, EngineMode engineMode, Optional<AbiVersion> abi, Limits limits) {

    public ServerOptions {
        Objects.requireNonNull(bundle);
        Objects.requireNonNull(host);
        Objects.requireNonNull(engineMode);
        Objects.requireNonNull(abi);
        Objects.requireNonNull(limits);
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

        public ServerOptions build() {
            return new ServerOptions(bundle, host, port, headless, runSchedules, maxBodyBytes, engineMode, abi, limits);
        }
    }
}
