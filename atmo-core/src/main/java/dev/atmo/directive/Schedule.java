package dev.atmo.directive;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Steps run periodically, starting from the initial {@code state}. */
public record Schedule(String name, Every every, Map<String, String> state, List<Step> steps, Mark mark,
        Map<String, Mark> keyMarks) {

    public Schedule {
        name = Copy.text(name);
        every = Objects.requireNonNullElse(every, Every.NEVER);
        state = Copy.map(state);
        steps = Copy.list(steps);
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
        keyMarks = Copy.map(keyMarks);
    }

    /** A schedule that remembers only where it starts. */
    public Schedule(String name, Every every, Map<String, String> state, List<Step> steps, Mark mark) {
        this(name, every, state, steps, mark, Map.of());
    }

    /** Where a key's value was written, or this schedule's own mark when the key is absent. */
    public Mark markOf(String key) {
        return keyMarks.getOrDefault(key, mark);
    }
}
