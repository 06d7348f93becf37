package dev.atmo.directive;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The step rules of Atmo's validation, shared by handlers and schedules. Each step is
 * checked against the state keys produced by the steps before it.
 */
final class StepRules {
    private final Directive directive;
    private final List<Problem> problems;

    StepRules(Directive directive, List<Problem> problems) {
        this.directive = directive;
        this.problems = problems;
    }

    /**
     * Checks the steps of one handler or schedule ({@code type} is {@code handler} or {@code schedule},
     * {@code name} how messages name it) and returns every state key the steps produce.
     */
    Set<String> check(String type, String name, List<Step> steps, Set<String> initialState) {
        Set<String> state = new LinkedHashSet<>(initialState);
        for (int position = 0; position < steps.size(); position++) {
            int j = position;
            Step step = steps.get(j);
            List<String> produced = new ArrayList<>();
            switch (step.kind()) {
                case FN -> call(type, name, j, step.asCall(), state, produced);
                case GROUP -> step.group().forEach(member -> call(type, name, j, member, state, produced));
                case FOR_EACH -> {
                    ForEach forEach = step.forEach().orElseThrow();
                    if (forEach.in().isEmpty()) {
                        add(forEach.mark(), "ForEach at position %d for %s %s is missing 'in' value", j, type, name);
                    }
                    if (forEach.as().isEmpty()) {
                        add(forEach.mark(), "ForEach at position %d for %s %s is missing 'as' value", j, type, name);
                    }
                    call(type, name, j, new CallSpec(forEach.fn(), forEach.as(), Map.of(), forEach.onErr(),
                            forEach.mark()), state, produced);
                }
                case INVALID -> add(step.mark(), "step at position %d for %s %s isn't an Fn, Group, or ForEach",
                        j, type, name);
            }
            state.addAll(produced);
        }
        return state;
    }

    private void call(String type, String name, int j, CallSpec call, Set<String> state, List<String> produced) {
        Mark at = call.mark();
        if (directive.resolve(call.fn()).isEmpty()) {
            add(at, "%s for %s lists fn at step %d that does not exist: %s (%s)",
                    type, name, j, call.fn(), hint(call.fn()));
        }
        for (String key : call.with().values()) {
            if (!state.contains(key)) {
                add(call.markOf("with"), "%s for %s has 'with' value at step %d referencing a key that is not yet available"
                        + " in the handler's state: %s", type, name, j, key);
            }
        }
        onErr(type, name, j, call.onErr(), at);
        produced.add(call.stateKey());
    }

    /** The Runnable the author probably meant: the same name in another namespace, or a close spelling. */
    private String hint(String reference) {
        Fqfn wanted = Fqfn.parse(reference);
        List<String> references = new ArrayList<>();
        for (RunnableDecl runnable : directive.runnables()) {
            String written = runnable.namespace().equals(Fqfn.DEFAULT_NAMESPACE) ? runnable.name()
                    : runnable.namespace() + "::" + runnable.name();
            if (runnable.name().equals(wanted.name())) {
                return "did you mean '" + written + "'?";
            }
            references.add(written);
        }
        return Suggestion.closest(reference, references).map(s -> "did you mean '" + s + "'?")
                .orElse("did you forget a namespace?");
    }

    private void onErr(String type, String name, int j, OnErr onErr, Mark at) {
        boolean hasCodes = !onErr.code().isEmpty();
        if (hasCodes && !onErr.any().isEmpty()) {
            add(at, "%s for %s has 'onErr.any' value at step %d while specific codes are specified,"
                    + " use 'other' instead", type, name, j);
        } else if (!onErr.any().isEmpty() && !isDirective(onErr.any())) {
            add(at, "%s for %s has 'onErr.any' value at step %d with an invalid error directive: %s",
                    type, name, j, onErr.any());
        }
        if (!hasCodes && !onErr.other().isEmpty()) {
            add(at, "%s for %s has 'onErr.other' value at step %d while specific codes are not specified,"
                    + " use 'any' instead", type, name, j);
        } else if (!onErr.other().isEmpty() && !isDirective(onErr.other())) {
            add(at, "%s for %s has 'onErr.other' value at step %d with an invalid error directive: %s",
                    type, name, j, onErr.other());
        }
        onErr.code().forEach((code, value) -> {
            if (!isDirective(value)) {
                add(at, "%s for %s has 'onErr.code' value at step %d with an invalid error directive for code"
                        + " %d: %s", type, name, j, code, value);
            }
        });
    }

    private static boolean isDirective(String value) {
        return OnErr.CONTINUE.equals(value) || OnErr.RETURN.equals(value);
    }

    private void add(Mark at, String format, Object... args) {
        problems.add(new Problem(at, String.format(format, args)));
    }
}
