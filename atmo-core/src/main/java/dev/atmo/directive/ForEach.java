package dev.atmo.directive;

import java.util.Objects;

/** A {@code forEach} step: call {@code fn} once per element of the JSON array in state key {@code in}. */
public record ForEach(String in, String fn, String as, OnErr onErr, Mark mark) {

    public ForEach {
        in = Copy.text(in);
        fn = Copy.text(fn);
        as = Copy.text(as);
        onErr = Objects.requireNonNullElse(onErr, OnErr.none());
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
    }

    /** The state key the collected outputs are stored under. */
    public String stateKey() {
        return as.isEmpty() ? fn : as;
    }
}
