package dev.atmo.cli.build;

import dev.atmo.cli.project.RunnableFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code make} with clang for {@code wasm32-wasi}, wasi-libc and the wasm32 compiler runtime. A compiler named by
 * {@code CC} (which make passes on to the template's Makefile) replaces clang.
 */
final class CToolchain implements Toolchain {
    static final String INSTALL = "apt-get install clang lld wasi-libc libclang-rt-dev-wasm32";

    private final Executables executables;
    private final String compiler;

    CToolchain(Executables executables, Map<String, String> environment) {
        this.executables = executables;
        String cc = environment.getOrDefault("CC", "").strip();
        this.compiler = cc.isEmpty() ? "clang" : cc.split("\\s+")[0];
    }

    @Override
    public Optional<String> missing() {
        if (executables.onPath("make").isEmpty()) {
            return Optional.of("make not found on PATH; install it: apt-get install make");
        }
        boolean found = compiler.contains("/") ? Files.isExecutable(Path.of(compiler))
                : executables.onPath(compiler).isPresent();
        if (!found) {
            return Optional.of(compiler + " not found" + (compiler.contains("/") ? "" : " on PATH")
                    + "; install C for WebAssembly: " + INSTALL);
        }
        return Optional.empty();
    }

    @Override
    public List<Command> commands(RunnableFolder runnable) {
        return List.of(new Command(List.of(executables.onPath("make").orElseThrow().toString()), Map.of()));
    }

    @Override
    public Optional<String> hint(String output) {
        if (output.contains("libclang_rt.builtins-wasm32.a")) {
            return Optional.of("the wasm32 compiler runtime is missing: apt-get install libclang-rt-dev-wasm32");
        }
        if (output.contains("wasm-ld") && (output.contains("not found") || output.contains("No such file")
                || output.contains("doesn't exist"))) {
            return Optional.of("the WebAssembly linker is missing: apt-get install lld");
        }
        if (output.contains(".h' file not found") || output.contains("wasi-sysroot")) {
            return Optional.of("the WASI C library is missing: apt-get install wasi-libc");
        }
        if (output.contains("undefined symbol: main")) {
            return Optional.of("link as a reactor: add -mexec-model=reactor to the clang flags");
        }
        return Optional.empty();
    }
}
