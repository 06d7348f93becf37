package dev.atmo.cli;

import dev.atmo.bundle.Bundle;
import dev.atmo.bundle.BundleException;
import dev.atmo.bundle.BundleWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atmo bundle DIR [-o runnables.wasm.zip]}: validates a project directory and packages it. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = "Validates a project directory and packages it as a bundle zip.")
final class BundleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", defaultValue = ".",
            description = "the project directory: Directive.yaml, the .wasm modules, static/ (default: ${DEFAULT-VALUE})")
    Path directory;

    @Option(names = {"-o", "--output"}, paramLabel = "ZIP", defaultValue = "runnables.wasm.zip",
            description = "where to write the bundle (default: ${DEFAULT-VALUE})")
    Path output;

    @Override
    public Integer call() {
        try {
            Bundle bundle = BundleWriter.write(directory, output);
            bundle.warnings().forEach(w -> System.out.println("warning: " + w));
            System.out.println("wrote " + output + ": " + bundle.modules().size() + " Runnables, "
                    + bundle.staticFiles().names().size() + " static files");
            return 0;
        } catch (BundleException e) {
            int problems = ProblemReport.print(System.out, e);
            System.out.println(ProblemReport.count(problems) + " found in " + directory + "; nothing written");
            return 1;
        } catch (RuntimeException e) {
            System.out.println("atmo bundle: " + e.getMessage());
            return 1;
        }
    }

}
