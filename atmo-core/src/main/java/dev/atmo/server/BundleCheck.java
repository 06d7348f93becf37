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
import dev.atmo.wasm.ModuleLoadException;
import dev.atmo.wasm.ModuleOptions;
import dev.atmo.wasm.RunnableModule;
import dev.atmo.wasm.abi.AbiVersion;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** How a module that failed to load is reported, by a check and by a start alike. */
    static Problem problem(RunnableModuleSource source, ModuleLoadException e) {
        String message = e.getMessage();
        if (message.contains(" imports env.abort,")) {
            message += ABORT_HINT;
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
