package dev.atmo.directive;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Steps run periodically, starting from the initial {@code state}. */
public record Schedule(String name, Every every, Map<String, String> state, List<Step> steps, Mark mark) {

    public Schedule {
        name = Copy.text(name);
        every = Objects.requireNonNullElse(every, Every.NEVER);
        state = Copy.map(state);
        steps = Copy.list(steps);
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
    }
}
