package dev.atmo.cli;

import dev.atmo.bundle.Bundle;
import dev.atmo.bundle.BundleException;
import dev.atmo.server.BundleCheck;
import dev.atmo.cli.log.LoggingSetup;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code atmo validate BUNDLE}: prints every problem of a bundle and exits 1 if there is any. It checks what
 * {@code atmo start} checks before serving (Directive, modules, capabilities, stream settings), with the same
 * messages.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a bundle (zip or directory) as 'atmo start' would and prints every problem with its "
                + "line and column.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BUNDLE", defaultValue = "${env:ATMO_BUNDLE_PATH:-runnables.wasm.zip}",
            description = "runnables.wasm.zip or a bundle directory (default: ${DEFAULT-VALUE})")
    Path bundle;

    @Mixin
    ModuleSettings modules;

    @Override
    public Integer call() {
        // the report is the output; the engine's informational lines would only interleave with it
        LoggingSetup.configure(LoggingSetup.Format.TEXT, "warn", Optional.empty(), Version.current());
        try {
            Bundle read = BundleCheck.read(bundle, modules.limits().build(), modules.forcedAbi());
            read.warnings().forEach(w -> System.out.println("warning: " + w));
            System.out.println(bundle + " is valid: " + read.directive().runnables().size() + " Runnables, "
                    + read.directive().handlers().size() + " handlers, "
                    + read.directive().schedules().size() + " schedules");
            return 0;
        } catch (BundleException e) {
            int problems = ProblemReport.print(System.out, e);
            System.out.println(ProblemReport.count(problems) + " found in " + bundle);
            return 1;
        } catch (RuntimeException e) {
            System.out.println(bundle + ": " + e.getMessage());
            return 1;
        }
    }
}
