package dev.atmo.cli.build;

import dev.atmo.cli.project.Language;
import dev.atmo.cli.project.RunnableFolder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one language's Runnables are built: what must be installed, the commands run inside the Runnable's
 * folder, what to do after them, and which known failures have a known fix.
 */
interface Toolchain {

    /** A command and the environment variables it gets on top of ours. */
    record Command(List<String> arguments, Map<String, String> environment) {
        public Command {
            arguments = List.copyOf(arguments);
            environment = Map.copyOf(environment);
        }
    }

    /** What is missing to build with this toolchain, with the package that provides it; empty when all is there. */
    Optional<String> missing();

    /** The commands that build {@code runnable}, in order. */
    List<Command> commands(RunnableFolder runnable);

    /** Runs after the commands succeeded; puts the module at {@link RunnableFolder#module()}. */
    default void finish(RunnableFolder runnable) {
    }

    /** A fix for a failure whose output shows a known cause. */
    default Optional<String> hint(String output) {
        return Optional.empty();
    }

    static Toolchain of(Language language, Map<String, String> environment) {
        Executables executables = new Executables(environment);
        return switch (language) {
            case RUST -> new RustToolchain(executables, environment);
            case ASSEMBLYSCRIPT -> new AssemblyScriptToolchain(executables);
            case C -> new CToolchain(executables, environment);
        };
    }
}
