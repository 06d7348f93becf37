package dev.atmo.cli;

import dev.atmo.cli.project.Language;
import dev.atmo.cli.project.ProjectException;
import dev.atmo.cli.project.RunnableFolder;
import dev.atmo.cli.project.Scaffold;
import dev.atmo.cli.project.Sdk;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atmo new project DIR}: a Directive with one route, the first Runnable and the vendored SDK. */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "Creates a project: Directive.yaml routing POST /<name> to a new Runnable, its SDK, "
                + ".gitignore and README.md.")
final class NewProjectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the new project's directory (missing or empty)")
    Path directory;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "rust",
            description = "language of the first Runnable: rust, assemblyscript (as, ts, typescript) or c "
                    + "(default: ${DEFAULT-VALUE})")
    String language;

    @Option(names = "--name", paramLabel = "RUNNABLE", defaultValue = "hello",
            description = "name of the first Runnable (default: ${DEFAULT-VALUE})")
    String name;

    @Override
    public Integer call() {
        try {
            Language lang = Language.of(language);
            RunnableFolder runnable = new Scaffold(Sdk.locate(System.getenv())).newProject(directory, lang, name);
            System.out.println("created " + directory + ": Directive.yaml routes POST /" + name + " to "
                    + runnable.label() + " in " + runnable.folder());
            System.out.println("next: cd " + directory + " && atmo dev");
            return 0;
        } catch (ProjectException e) {
            return Failures.report("new project", e);
        }
    }
}
