package dev.atmo.directive;

import java.util.List;
import java.util.Objects;

/**
 * A named SQL query Runnables may run against {@code connections.database}. When the Directive leaves them
 * out, the loader detects {@code type} from the leading verb ({@code insert}, {@code select},
 * {@code update}, {@code delete}; empty when it is none of those) and {@code varCount} from the
 * placeholders ({@code ?} count, else the highest {@code $n}).
 */
public record Query(String name, String type, String query, int varCount, Mark mark) {

    public static final List<String> TYPES = List.of("insert", "select", "update", "delete");

    public Query {
        name = Copy.text(name);
        type = Copy.text(type);
        query = Copy.text(query);
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
    }
}
