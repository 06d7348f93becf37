package dev.atmo.cli;

import dev.atmo.cli.log.LoggingSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code atmo} command: start a bundle, validate one, print the version. */
@Command(name = "atmo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs WebAssembly Runnables declared by a Directive.",
        subcommands = {StartCommand.class, ValidateCommand.class, BundleCommand.class, NewCommand.class,
                BuildCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code = run(args);
        LoggingSetup.flush();
        System.exit(code);
    }

    /** Runs the command line and returns the exit code, without exiting (for tests and embedding). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
