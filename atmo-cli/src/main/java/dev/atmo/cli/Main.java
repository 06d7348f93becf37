package dev.atmo.cli;

import dev.atmo.cli.log.LoggingSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code atmo} command: create, build and develop a project; start, validate or bundle one. */
@Command(name = "atmo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs WebAssembly Runnables declared by a Directive.",
        subcommands = {StartCommand.class, ValidateCommand.class, BundleCommand.class, NewCommand.class,
                BuildCommand.class})
public final class Main implements Runnable {

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
        return new CommandLine(new Main())
                .addSubcommand("dev", DevCommand.commandLine())
                .addSubcommand("help", new CommandLine.HelpCommand())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }
}
