package dev.atmo.cli.build;

import dev.atmo.cli.project.RunnableFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds Runnables with their language's toolchain, each inside its own folder, several at once (no more than
 * there are processors), and prints one progress line per Runnable as it finishes, followed on failure by what
 * the compiler said.
 */
public final class ProjectBuilder {
    private final Map<String, String> environment;
    private final PrintStream out;

    /**
     * @param environment the environment the toolchains run with (and are looked up on)
     * @param out where progress lines and compiler output go
     */
    public ProjectBuilder(Map<String, String> environment, PrintStream out) {
        this.environment = Map.copyOf(environment);
        this.out = out;
    }

    /** Builds every Runnable, in parallel, and returns the results in the order given. */
    public List<BuildResult> buildAll(List<RunnableFolder> runnables) {
        if (runnables.size() <= 1) {
            return runnables.stream().map(this::build).toList();
        }
        int threads = Math.max(1, Math.min(runnables.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("atmo-build-", 1)
                .daemon().factory());
        try {
            List<Future<BuildResult>> pending = new ArrayList<>();
            runnables.forEach(r -> pending.add(pool.submit(() -> build(r))));
            List<BuildResult> results = new ArrayList<>();
            for (Future<BuildResult> future : pending) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException("interrupted while building");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new BuildException(e.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Builds one Runnable and prints its progress line (and, on failure, the output). */
    public BuildResult build(RunnableFolder runnable) {
        BuildResult result = run(runnable);
        synchronized (out) {
            out.print(result.report());
            out.flush();
        }
        return result;
    }

    private BuildResult run(RunnableFolder runnable) {
        long start = System.nanoTime();
        Toolchain toolchain = Toolchain.of(runnable.language(), environment);
        Optional<String> missing = toolchain.missing();
        if (missing.isPresent()) {
            return new BuildResult(runnable, BuildResult.Outcome.TOOLCHAIN_MISSING, Duration.ZERO, missing.get(),
                    Optional.empty());
        }
        StringBuilder output = new StringBuilder();
        for (Toolchain.Command command : toolchain.commands(runnable)) {
            int exit = execute(runnable, command, output);
            if (exit != 0) {
                String text = output + String.join(" ", command.arguments()) + " exited with " + exit + "\n";
                return new BuildResult(runnable, BuildResult.Outcome.FAILED, since(start), text,
                        toolchain.hint(output.toString()));
            }
        }
        try {
            toolchain.finish(runnable);
        } catch (BuildException e) {
            return new BuildResult(runnable, BuildResult.Outcome.FAILED, since(start), output + e.getMessage(),
                    Optional.empty());
        }
        return new BuildResult(runnable, BuildResult.Outcome.BUILT, since(start), output.toString(), Optional.empty());
    }

    private int execute(RunnableFolder runnable, Toolchain.Command command, StringBuilder output) {
        ProcessBuilder builder = new ProcessBuilder(command.arguments()).directory(runnable.folder().toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(command.environment());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            try (InputStream in = process.getInputStream()) {
                output.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return process.waitFor();
        } catch (IOException e) {
            output.append("cannot run ").append(command.arguments().getFirst()).append(": ").append(e.getMessage())
                    .append('\n');
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException("interrupted while building " + runnable.name());
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
