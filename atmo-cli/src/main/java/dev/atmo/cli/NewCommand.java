package dev.atmo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code atmo new project|runnable}: starts a project, or adds a Runnable to one, from the SDK templates. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Creates a project, or adds a Runnable to one, from the SDK templates.",
        subcommands = {NewProjectCommand.class, NewRunnableCommand.class})
final class NewCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }
}
