package dev.atmo.directive;

import java.util.Objects;

/**
 * Where something was written: a file and a 1-based line and column. A line of 0 means "somewhere in the
 * file" (a problem with the file as a whole); {@link #NONE} marks things that were synthesised, not read.
 */
public record Mark(String file, int line, int column) {

    /** The mark of things that no file mentions. */
    public static final Mark NONE = new Mark("", 0, 0);

    public Mark {
        file = Objects.requireNonNullElse(file, "");
    }

    /** A mark naming a whole file rather than a position in it. */
    public static Mark of(String file) {
        return new Mark(file, 0, 0);
    }

    /** Whether this mark points at a line of a file. */
    public boolean hasPosition() {
        return line > 0;
    }

    @Override
    public String toString() {
        return hasPosition() ? file + ":" + line + ":" + column : file;
    }
}
