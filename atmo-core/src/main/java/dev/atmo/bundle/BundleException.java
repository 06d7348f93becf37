package dev.atmo.bundle;

import dev.atmo.AtmoException;
import dev.atmo.directive.Mark;
import dev.atmo.directive.Problem;
import java.util.List;

/**
 * A bundle could not be used: the file is not a readable zip, a limit was hit, or its Directive and
 * modules have problems. Every problem found is listed, each naming its file and line.
 */
public class BundleException extends AtmoException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;
    private final transient List<Problem> warnings;

    public BundleException(String source, List<Problem> problems) {
        this(source, problems, List.of());
    }

    /** Problems, and the warnings (such as unknown keys) found beside them, which often explain them. */
    public BundleException(String source, List<Problem> problems, List<Problem> warnings) {
        super(Problem.render(source, problems));
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    private BundleException(String message, Problem problem, Throwable cause) {
        super(message, cause);
        this.problems = List.of(problem);
        this.warnings = List.of();
    }

    /** A failure of the bundle as a whole; the message must say which bundle and what is wrong. */
    public static BundleException of(String source, String message) {
        return new BundleException(message, new Problem(Mark.of(source), message), null);
    }

    static BundleException of(String source, String message, Throwable cause) {
        return new BundleException(message, new Problem(Mark.of(source), message), cause);
    }

    /** Every problem found, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /** Warnings found beside the problems, in file order; a typo in a key shows up here. */
    public List<Problem> warnings() {
        return warnings;
    }
}
