package dev.atmo.directive;

import dev.atmo.AtmoException;
import java.util.List;

/** A Directive could not be read: YAML syntax, wrong types, or (when validated) broken rules. */
public class DirectiveException extends AtmoException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public DirectiveException(String source, List<Problem> problems) {
        super(Problem.render(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order of the file. */
    public List<Problem> problems() {
        return problems;
    }
}
