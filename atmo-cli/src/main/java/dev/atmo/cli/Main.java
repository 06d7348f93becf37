package dev.atmo.cli;

import dev.atmo.cli.log.LoggingSetup;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code atmo} command: create, build and develop a project; start, validate or bundle one. */
@Command(name = "atmo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs WebAssembly Runnables declared by a Directive.",
        subcommands = {StartCommand.class, ValidateCommand.class, BundleCommand.class, NewCommand.class,
                BuildCommand.class})
public final class Main implements Callable<Integer> {

    /** The exit code of a command line that could not be understood, as in most Unix tools. */
    static final int USAGE = 2;

    public static void main(String[] args) {
        int code = run(args);
        LoggingSetup.flush();
        System.exit(code);
    }

    /** Runs the command line and returns the exit code, without exiting (for tests and embedding). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    private static CommandLine commandLine() {
        // dev borrows start's options at run time, so it is added here rather than listed above
        return new CommandLine(new Main())
                .addSubcommand("dev", DevCommand.commandLine())
                .addSubcommand("help", new CommandLine.HelpCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new UsageMistakes());
    }

    /** {@code atmo} alone: what it can do, on standard error, as a usage mistake. */
    @Override
    public Integer call() {
        commandLine().usage(System.err);
        return USAGE;
    }
}
