package dev.atmo.directive;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;

/** Reads and validates Directive text, for tests that assert exact outcomes. */
final class Directives {

    /** Eight lines: a valid start tests build on, so their own lines start at 9. */
    static final String HEADER = """
            identifier: com.suborbital.test
            appVersion: v0.1.0
            atmoVersion: v0.3.0
            runnables:
              - name: hello
                namespace: default
              - name: world
                namespace: default
            """;

    private Directives() {
    }

    static LoadResult load(String yaml) {
        return DirectiveLoader.load(yaml.getBytes(UTF_8), "Directive.yaml");
    }

    /** The problems that stop the text from loading at all. */
    static List<String> loadErrors(String yaml) {
        try {
            load(yaml);
        } catch (DirectiveException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected the Directive to be rejected");
    }

    /** The problems validation finds in text that loads. */
    static List<String> problems(String yaml) {
        Directive directive = load(yaml).directive();
        return DirectiveValidator.validate(directive).stream().map(Problem::toString).toList();
    }
}
