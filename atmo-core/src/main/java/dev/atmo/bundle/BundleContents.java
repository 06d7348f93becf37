package dev.atmo.bundle;

import dev.atmo.directive.Problem;
import dev.atmo.directive.RunnableDecl;
import java.util.List;

/**
 * What a zip or directory holds, read but not yet interpreted. {@code declared} are the Runnables of
 * {@code .runnable.yaml} files, with or without a built module; {@code problems} are those found while
 * reading that do not stop the rest from being checked.
 */
record BundleContents(String source, String directiveName, byte[] directiveYaml, List<ModuleFile> modules,
        List<RunnableDecl> declared, StaticFiles staticFiles, List<Problem> problems, List<Problem> warnings) {
}
