package dev.atmo.cli;

import dev.atmo.bundle.BundleException;
import dev.atmo.bundle.BundleReader;
import dev.atmo.directive.Problem;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code atmo validate BUNDLE}: prints every problem of a bundle and exits 1 if there is any. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a bundle (zip or directory) and prints every problem with its line and column.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BUNDLE", defaultValue = "${env:ATMO_BUNDLE_PATH:-runnables.wasm.zip}",
            description = "runnables.wasm.zip or a bundle directory (default: ${DEFAULT-VALUE})")
    Path bundle;

    @Override
    public Integer call() {
        try {
            var read = BundleReader.builder().build().read(bundle);
            read.warnings().forEach(w -> System.out.println("warning: " + w));
            System.out.println(bundle + " is valid: " + read.directive().runnables().size() + " Runnables, "
                    + read.directive().handlers().size() + " handlers, "
                    + read.directive().schedules().size() + " schedules");
            return 0;
        } catch (BundleException e) {
            for (Problem problem : e.problems()) {
                System.out.println(problem);
            }
            System.out.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                    + " found in " + bundle);
            return 1;
        } catch (RuntimeException e) {
            System.out.println(bundle + ": " + e.getMessage());
            return 1;
        }
    }
}
