package dev.atmo.cli.build;

import dev.atmo.cli.project.RunnableFolder;
import dev.atmo.cli.project.RunnableName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cargo for {@code wasm32-wasi}. Debian's {@code /usr/bin/cargo} and {@code /usr/bin/rustc} are preferred over
 * whatever comes first on the PATH, because a rustup toolchain usually lacks the wasm32 standard library;
 * {@code ATMO_CARGO} and {@code RUSTC} choose others.
 */
final class RustToolchain implements Toolchain {
    static final String INSTALL = "apt-get install rustc cargo libstd-rust-dev-wasm32 lld";
    private static final String TARGET = "wasm32-wasi";

    private final Executables executables;
    private final Optional<Path> cargo;
    private final Optional<Path> rustc;

    RustToolchain(Executables executables, Map<String, String> environment) {
        this.executables = executables;
        this.cargo = executables.find("ATMO_CARGO", Path.of("/usr/bin/cargo"), "cargo");
        this.rustc = executables.find("RUSTC", Path.of("/usr/bin/rustc"), "rustc");
    }

    @Override
    public Optional<String> missing() {
        if (cargo.isEmpty()) {
            return Optional.of(executables.describe("ATMO_CARGO", "cargo") + "; install Rust for WebAssembly: "
                    + INSTALL);
        }
        if (rustc.isEmpty()) {
            return Optional.of(executables.describe("RUSTC", "rustc") + "; install Rust for WebAssembly: " + INSTALL);
        }
        Optional<Path> sysroot = sysroot(rustc.get());
        if (sysroot.isPresent() && !Files.isDirectory(sysroot.get().resolve("lib/rustlib/" + TARGET))) {
            return Optional.of(rustc.get() + " has no " + TARGET + " standard library; install it: " + INSTALL);
        }
        return Optional.empty();
    }

    @Override
    public List<Command> commands(RunnableFolder runnable) {
        return List.of(new Command(List.of(cargo.orElseThrow().toString(), "build", "--offline", "--release",
                "--target", TARGET), Map.of("RUSTC", rustc.orElseThrow().toString())));
    }

    @Override
    public void finish(RunnableFolder runnable) {
        Path built = runnable.folder().resolve("target/" + TARGET + "/release/" + RunnableName.crate(runnable.name())
                + ".wasm");
        try {
            Files.copy(built, runnable.module(), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BuildException("cargo succeeded but " + built + " cannot be copied to " + runnable.module() + ": "
                    + e.getMessage() + " (is the crate a cdylib named " + RunnableName.crate(runnable.name()) + "?)");
        }
    }

    @Override
    public Optional<String> hint(String output) {
        if (output.contains("can't find crate for `std`") || output.contains("target may not be installed")) {
            return Optional.of("the wasm32-wasi standard library is missing: " + INSTALL);
        }
        if (output.contains("rust-lld") && output.contains("not found")) {
            return Optional.of("the WebAssembly linker is missing: apt-get install lld");
        }
        if (output.contains("unknown print request")) {
            return Optional.of("cargo and rustc are from different Rust releases; use Debian's pair "
                    + "(/usr/bin/cargo with RUSTC=/usr/bin/rustc) or set ATMO_CARGO and RUSTC");
        }
        return Optional.empty();
    }

    /** {@code rustc --print sysroot}, when it answers. */
    private static Optional<Path> sysroot(Path rustc) {
        try {
            Process process = new ProcessBuilder(rustc.toString(), "--print", "sysroot").redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 && !out.isEmpty() ? Optional.of(Path.of(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
