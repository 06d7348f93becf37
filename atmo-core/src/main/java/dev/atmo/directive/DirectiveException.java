package dev.atmo.directive;

import dev.atmo.AtmoException;
import java.util.List;

/** A Directive could not be read: YAML syntax, wrong types, or (when validated) broken rules. */
public class DirectiveException extends AtmoException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;
    private final transient List<Problem> warnings;

    public DirectiveException(String source, List<Problem> problems) {
        this(source, problems, List.of());
    }

    /** Problems, and the warnings found before reading stopped (an unknown key often explains an error). */
    public DirectiveException(String source, List<Problem> problems, List<Problem> warnings) {
        super(Problem.render(source, problems));
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    /** Warnings found before reading stopped, such as unknown keys, in the order of the file. */
    public List<Problem> warnings() {
        return warnings;
    }

    /** Every problem found, in the order of the file. */
    public List<Problem> problems() {
        return problems;
    }
}
