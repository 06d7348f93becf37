package dev.atmo.directive;

import java.util.Map;
import java.util.Objects;

/** One Runnable call inside a {@code group}: which Runnable, where its output goes, what it sees. */
public record CallSpec(String fn, String as, Map<String, String> with, OnErr onErr, Mark mark,
        Map<String, Mark> keyMarks) {

    public CallSpec {
        fn = Copy.text(fn);
        as = Copy.text(as);
        with = Copy.map(with);
        onErr = Objects.requireNonNullElse(onErr, OnErr.none());
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
        keyMarks = Copy.map(keyMarks);
    }

    /** A call that remembers only where it starts. */
    public CallSpec(String fn, String as, Map<String, String> with, OnErr onErr, Mark mark) {
        this(fn, as, with, onErr, mark, Map.of());
    }

    /** Where a key's value was written, or this call's own mark when the key is absent. */
    public Mark markOf(String key) {
        return keyMarks.getOrDefault(key, mark);
    }

    /** The state key the output is stored under: {@code as} if given, else the {@code fn} text as written. */
    public String stateKey() {
        return as.isEmpty() ? fn : as;
    }
}
