package dev.atmo.directive;

import java.util.List;

/** A {@code .runnable.yaml} read from YAML, with the warnings that did not stop reading it. */
public record RunnableLoadResult(RunnableDecl runnable, List<Problem> warnings) {

    public RunnableLoadResult {
        warnings = Copy.list(warnings);
    }
}
