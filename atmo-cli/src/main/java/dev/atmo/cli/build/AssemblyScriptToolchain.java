package dev.atmo.cli.build;

import dev.atmo.cli.project.RunnableFolder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** npm: {@code npm install} once (when {@code node_modules} is missing), then the package's {@code build} script. */
final class AssemblyScriptToolchain implements Toolchain {
    static final String INSTALL = "apt-get install nodejs npm (or Node.js from nodejs.org, which includes npm)";

    private final Executables executables;

    AssemblyScriptToolchain(Executables executables) {
        this.executables = executables;
    }

    @Override
    public Optional<String> missing() {
        for (String program : List.of("node", "npm")) {
            if (executables.onPath(program).isEmpty()) {
                return Optional.of(program + " not found on PATH; install Node.js and npm: " + INSTALL);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Command> commands(RunnableFolder runnable) {
        String npm = executables.onPath("npm").orElseThrow().toString();
        List<Command> commands = new ArrayList<>();
        if (!Files.isDirectory(runnable.folder().resolve("node_modules"))) {
            commands.add(new Command(List.of(npm, "install", "--no-audit", "--no-fund"), Map.of()));
        }
        commands.add(new Command(List.of(npm, "run", "build"), Map.of()));
        return commands;
    }

    @Override
    public Optional<String> hint(String output) {
        if (output.contains("ENOTFOUND") || output.contains("EAI_AGAIN")) {
            return Optional.of("npm could not reach its registry to install the compiler; connect once, or copy "
                    + "node_modules from another project");
        }
        if (output.contains("asc: not found") || output.contains("Cannot find module")) {
            return Optional.of("the compiler is not installed in node_modules (an earlier npm install may have "
                    + "been interrupted): delete node_modules and build again");
        }
        return Optional.empty();
    }
}
