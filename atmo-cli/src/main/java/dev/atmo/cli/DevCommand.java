package dev.atmo.cli;

import dev.atmo.cli.build.ProjectBuilder;
import dev.atmo.cli.dev.DevSession;
import dev.atmo.cli.log.LoggingSetup;
import dev.atmo.cli.project.ProjectException;
import dev.atmo.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

/**
 * {@code atmo dev [DIR]}: builds the project, serves it, and rebuilds and reloads each Runnable whose sources
 * change. It takes the options of {@code atmo start} (except {@code --watch} and {@code --wait}, which it does
 * itself), read into a {@link StartCommand} so both commands always offer the same ones.
 */
@Command(name = "dev", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Builds every Runnable, serves the project, and on each saved change rebuilds that Runnable "
                + "and reloads; a failed build prints the compiler error and the previous build keeps serving. "
                + "Takes the options of atmo start.")
final class DevCommand implements Callable<Integer> {
    private static final Set<String> NOT_FOR_DEV = Set.of("--watch", "--wait", "--help", "--version");

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "the project directory (default: the current one)")
    Path directory;

    private final StartCommand start = new StartCommand();

    StartCommand start() {
        return start;
    }

    /** The command with the options of {@code atmo start} added to its own. */
    static CommandLine commandLine() {
        DevCommand dev = new DevCommand();
        CommandLine line = new CommandLine(dev);
        for (OptionSpec option : CommandSpec.forAnnotatedObject(dev.start).options()) {
            if (!NOT_FOR_DEV.contains(option.longestName())) {
                line.getCommandSpec().addOption(option);
            }
        }
        return line;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(directory.resolve("Directive.yaml"))) {
            System.err.println("atmo dev: " + directory.toAbsolutePath().normalize() + " has no Directive.yaml; "
                    + "run it in a project directory (see atmo new project)");
            return 1;
        }
        ServerOptions options;
        try {
            LoggingSetup.configure(start.logFormat, start.logLevel, Optional.ofNullable(start.logFile),
                    Version.current());
            start.bundle = directory;
            start.watch = false;
            options = start.options();
        } catch (IllegalArgumentException e) {
            System.err.println("atmo dev: " + e.getMessage());
            return 2;
        }
        DevSession session = new DevSession(directory, options, new ProjectBuilder(System.getenv(), System.out),
                System.out);
        AtomicBoolean ended = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ended.get()) {
                return;
            }
            // a build running now (cargo, npm, make) would outlive us: a signal sent to atmo alone stops it too
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
            session.close();
            LoggingSetup.flush();
            System.out.flush();
            // a drained stop is a clean exit, whatever signal asked for it
            Runtime.getRuntime().halt(0);
        }, "atmo-dev-shutdown"));
        try {
            session.run();
            return 0;
        } catch (ProjectException e) {
            return Failures.report("dev", e);
        } catch (Exception e) {
            // Netty reports a port in use with an exception it does not declare
            LoggingSetup.flush();
            System.err.println("atmo dev: not starting: " + StartFailure.explain(e, new StartFailure.Listening(
                    start.host, start.port, start.adminPort < 0 ? Optional.empty() : Optional.of(start.adminPort))));
            return 1;
        } finally {
            // the session ended by itself: its exit code stands
            ended.set(true);
            session.close();
        }
    }
}
