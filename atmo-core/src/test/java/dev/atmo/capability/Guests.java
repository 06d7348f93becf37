package dev.atmo.capability;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.atmo.wasm.ModuleOptions;
import dev.atmo.wasm.Outcome;
import dev.atmo.wasm.WasmRunnable;
import dev.atmo.wasm.abi.AbiVersion;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.Slf4jGuestLog;
import java.util.Optional;

/**
 * The Rust ABI exercisers of both generations, loaded once for all tests. A job's input is one command per
 * line; the output has one line per command (see {@code testdata/runnables/README.md}).
 */
enum Guests {
    A("abi-a-rust", AbiVersion.A),
    B("abi-b-rust", AbiVersion.B);

    private final String module;
    private final AbiVersion abi;
    private volatile WasmRunnable runnable;

    Guests(String module, AbiVersion abi) {
        this.module = module;
        this.abi = abi;
    }

    String module() {
        return module;
    }

    /** Runs the commands as one job with {@code capabilities}; the guest must answer with a result. */
    String run(Capabilities capabilities, String... commands) {
        Outcome outcome = runnable().invoke(String.join("\n", commands).getBytes(UTF_8), Optional.empty(),
                capabilities);
        if (outcome instanceof Outcome.Success success) {
            return new String(success.output(), UTF_8);
        }
        throw new AssertionError(module + " reported " + outcome);
    }

    private WasmRunnable runnable() {
        WasmRunnable loaded = runnable;
        if (loaded == null) {
            synchronized (this) {
                if (runnable == null) {
                    runnable = WasmRunnable.load(TestBundle.module(module),
                            ModuleOptions.of(module).withAbi(abi), new Slf4jGuestLog());
                }
                loaded = runnable;
            }
        }
        return loaded;
    }
}
