package dev.atmo.server;

import dev.atmo.bundle.Bundle;
import dev.atmo.bundle.BundleException;
import dev.atmo.bundle.BundleReader;
import dev.atmo.bundle.RunnableModuleSource;
import dev.atmo.capability.CapabilityConfig;
import dev.atmo.directive.Directive;
import dev.atmo.directive.Problem;
import dev.atmo.stream.NatsStreams;
import dev.atmo.wasm.EngineMode;
import dev.atmo.wasm.Limits;
import dev.atmo.wasm.ModuleOptions;
import dev.atmo.wasm.RunnableModule;
import dev.atmo.wasm.abi.AbiVersion;
import dev.atmo.wasm.error.ModuleLoadException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code atmo start} refuses in a bundle beyond the Directive's own rules: the {@code capabilities}
 * section, NATS handler settings, and modules that are not Wasm, import what their ABI does not provide or
 * need more memory than the cap. {@code atmo validate} and {@code atmo start} both come here, so they refuse the
 * same bundles with the same problem lines.
 */
public final class BundleCheck {
    private static final String ABORT_HINT = "; AssemblyScript imports env.abort unless the module is built with"
            + " asc --use abort=<a function that calls env.return_abort>";

    private static final String MEMORY_HINT = "; raise the cap (atmo start --max-memory-mib MIB, env"
            + " ATMO_MAX_MEMORY_MIB; one MiB is 16 pages) or build the module with less initial memory";
    private static final byte[] MAGIC = {0, 'a', 's', 'm'};
    private static final byte[] VERSION_1 = {1, 0, 0, 0};

    private BundleCheck() {
    }

    /**
     * Reads the bundle and checks it the way a start would, without compiling or serving anything.
     *
     * @throws BundleException listing every problem, each with its file and line
     */
    public static Bundle read(Path path, Limits limits, Optional<AbiVersion> abi) {
        Bundle bundle = BundleReader.defaults().read(path);
        List<Problem> problems = new ArrayList<>(settings(bundle.directive()));
        problems.addAll(modules(bundle, limits, abi));
        requireNone(bundle, problems);
        return bundle;
    }

    /** What a start refuses in the Directive's settings (capabilities, NATS handlers), each at its line. */
    static List<Problem> settings(Directive directive) {
        List<Problem> problems = new ArrayList<>();
        CapabilityConfig.problem(directive).ifPresent(problems::add);
        problems.addAll(NatsStreams.check(directive));
        return problems;
    }

    /** Parses and checks every module as a start would, without compiling it. */
    static List<Problem> modules(Bundle bundle, Limits limits, Optional<AbiVersion> abi) {
        List<Problem> problems = new ArrayList<>();
        for (RunnableModuleSource source : bundle.modules().values()) {
            Optional<Problem> header = header(source);
            if (header.isPresent()) {
                problems.add(header.get());
                continue;
            }
            ModuleOptions options = new ModuleOptions(source.runnable().name(), source.entryName(),
                    AbiSelection.choose(bundle.directive(), source.runnable(), abi), EngineMode.INTERPRETER, limits,
                    Optional.empty());
            try {
                RunnableModule.load(source.wasm(), options, (level, runnable, requestId, ident, message) -> { });
            } catch (ModuleLoadException e) {
                problems.add(problem(source, e));
            }
        }
        return problems;
    }

    /** Modules whose first eight bytes are not WebAssembly's magic number and version 1; cheap enough for every start. */
    static List<Problem> headers(Bundle bundle) {
        return bundle.modules().values().stream().map(BundleCheck::header).flatMap(Optional::stream).toList();
    }

    private static Optional<Problem> header(RunnableModuleSource source) {
        byte[] wasm = source.wasm();
        String what = "Runnable " + source.runnable().name() + ": " + source.entryName();
        if (wasm.length < 4 || !Arrays.equals(wasm, 0, 4, MAGIC, 0, 4)) {
            return Optional.of(new Problem(source.mark(), what + " is not a WebAssembly module (it does not start"
                    + " with \\0asm); build the Runnable for wasm32 and bundle the .wasm file"));
        }
        if (wasm.length < 8 || !Arrays.equals(wasm, 4, 8, VERSION_1, 0, 4)) {
            String version = wasm.length < 8 ? "cut off before its version"
                    : "WebAssembly binary version " + (wasm[4] & 0xff | (wasm[5] & 0xff) << 8 | (wasm[6] & 0xff) << 16
                            | (wasm[7] & 0xff) << 24);
            return Optional.of(new Problem(source.mark(), what + " is " + version
                    + "; only version 1 (the WebAssembly 1.0 and 2.0 binary format) can run"));
        }
        return Optional.empty();
    }

    /** How a module that failed to load is reported, by a check and by a start alike. */
    static Problem problem(RunnableModuleSource source, ModuleLoadException e) {
        String message = e.getMessage();
        if (message.contains(" imports env.abort,")) {
            message += ABORT_HINT;
        } else if (message.contains(" memory pages at start, more than the cap of ")) {
            message += MEMORY_HINT;
        }
        return new Problem(source.mark(), message);
    }

    /** Throws the problems, sorted, with the bundle's warnings beside them; returns when there are none. */
    static void requireNone(Bundle bundle, List<Problem> problems) {
        if (!problems.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort(Problem.BY_POSITION);
            throw new BundleException(bundle.source(), sorted, bundle.warnings());
        }
    }
}
