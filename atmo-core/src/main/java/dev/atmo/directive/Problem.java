package dev.atmo.directive;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** One thing wrong (or worth a warning) in a Directive or bundle, with where it was written. */
public record Problem(Mark mark, String message) {

    /** Orders problems as a reader meets them: by file, then line, then column. */
    public static final Comparator<Problem> BY_POSITION = Comparator
            .comparing((Problem p) -> p.mark().file())
            .thenComparingInt(p -> p.mark().line())
            .thenComparingInt(p -> p.mark().column());

    public Problem {
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
        message = Objects.requireNonNullElse(message, "");
    }

    /**
     * Renders problems the way Atmo always has ({@code found N problems:} then one tab-indented line each),
     * naming the file or bundle they were found in.
     */
    public static String render(String source, List<Problem> problems) {
        StringBuilder text = new StringBuilder("found ").append(problems.size()).append(" problems in ")
                .append(source).append(':');
        for (Problem problem : problems) {
            text.append("\n\t").append(problem);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        String where = mark.toString();
        return where.isEmpty() ? message : where + ": " + message;
    }
}
