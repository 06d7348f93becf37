package dev.atmo.directive;

import java.util.List;

/** A Directive read from YAML, with the warnings (such as unknown keys) that did not stop reading it. */
public record LoadResult(Directive directive, List<Problem> warnings) {

    public LoadResult {
        warnings = Copy.list(warnings);
    }
}
