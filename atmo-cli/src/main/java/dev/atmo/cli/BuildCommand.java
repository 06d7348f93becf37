package dev.atmo.cli;

import dev.atmo.cli.build.BuildResult;
import dev.atmo.cli.build.ProjectBuilder;
import dev.atmo.cli.project.ProjectException;
import dev.atmo.cli.project.ProjectLayout;
import dev.atmo.cli.project.RunnableFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atmo build [DIR] [--bundle [-o ZIP]]}: builds every Runnable of a project, then optionally bundles it. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Builds every Runnable of a project (the folders with a .runnable.yaml) with its language's "
                + "toolchain; with --bundle, then packages the project like atmo bundle.")
final class BuildCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "the project directory (default: the current one)")
    Path directory;

    @Option(names = "--bundle", description = "after a successful build, write the bundle zip")
    boolean bundle;

    @Option(names = {"-o", "--output"}, paramLabel = "ZIP",
            description = "where --bundle writes the zip (default: DIR/runnables.wasm.zip)")
    Path output;

    @Override
    public Integer call() {
        if (output != null && !bundle) {
            System.err.println("atmo build: -o/--output goes with --bundle");
            return 2;
        }
        long start = System.nanoTime();
        List<RunnableFolder> runnables;
        try {
            runnables = ProjectLayout.runnables(directory);
            ProjectLayout.builtElsewhere(directory).forEach(other -> System.out.println("skipping " + other
                    + ": atmo build builds rust, assemblyscript and c; its module is used as it is"));
        } catch (ProjectException e) {
            return Failures.report("build", e);
        }
        if (runnables.isEmpty()) {
            System.err.println("atmo build: no Runnables to build in " + directory + " (sub-folders with a "
                    + ".runnable.yaml whose lang is rust, assemblyscript or c)");
            return 1;
        }
        List<BuildResult> results = new ProjectBuilder(System.getenv(), System.out).buildAll(runnables);
        long failed = results.stream().filter(r -> !r.ok()).count();
        if (failed > 0) {
            System.out.println(failed + " of " + results.size() + " Runnables failed to build");
            return 1;
        }
        System.out.println(String.format(Locale.ROOT, "built %d Runnable%s in %.1f s", results.size(),
                results.size() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9));
        if (!bundle) {
            return 0;
        }
        BundleCommand packaging = new BundleCommand();
        packaging.directory = directory;
        packaging.output = output != null ? output : directory.resolve("runnables.wasm.zip").normalize();
        return packaging.call();
    }
}
