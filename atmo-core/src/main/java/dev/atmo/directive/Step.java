package dev.atmo.directive;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of a handler's or schedule's {@code steps}: a single {@code fn}, a {@code group} of
 * concurrent calls, or a {@code forEach}. Which one it is comes from {@link #kind()}.
 */
public record Step(String fn, String as, Map<String, String> with, OnErr onErr, List<CallSpec> group,
        Optional<ForEach> forEach, Mark mark, Map<String, Mark> keyMarks) {

    public Step {
        fn = Copy.text(fn);
        as = Copy.text(as);
        with = Copy.map(with);
        onErr = Objects.requireNonNullElse(onErr, OnErr.none());
        group = Copy.list(group);
        forEach = Objects.requireNonNullElse(forEach, Optional.empty());
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
        keyMarks = Copy.map(keyMarks);
    }

    /** A step that remembers only where it starts. */
    public Step(String fn, String as, Map<String, String> with, OnErr onErr, List<CallSpec> group,
            Optional<ForEach> forEach, Mark mark) {
        this(fn, as, with, onErr, group, forEach, mark, Map.of());
    }

    /** A single-fn step. */
    public static Step fn(String fn, String as, Map<String, String> with, OnErr onErr, Mark mark) {
        return new Step(fn, as, with, onErr, List.of(), Optional.empty(), mark);
    }

    /** Classifies the step exactly as Atmo's validation does. */
    public StepKind kind() {
        boolean hasFn = !fn.isEmpty();
        boolean hasGroup = !group.isEmpty();
        if (forEach.isPresent()) {
            return hasFn || hasGroup ? StepKind.INVALID : StepKind.FOR_EACH;
        }
        if (hasFn != hasGroup) {
            return hasFn ? StepKind.FN : StepKind.GROUP;
        }
        return StepKind.INVALID;
    }

    /**
     * The state key a fn step stores its output under: {@code as} if given, else the {@code fn} text as
     * written. For a forEach it is the forEach's own key; a group has no single key and gives "".
     */
    public String stateKey() {
        return switch (kind()) {
            case FOR_EACH -> forEach.orElseThrow().stateKey();
            case GROUP -> "";
            default -> as.isEmpty() ? fn : as;
        };
    }

    /** This step's single call as a {@link CallSpec}, the shape shared with group members. */
    public CallSpec asCall() {
        return new CallSpec(fn, as, with, onErr, mark, keyMarks);
    }
}
