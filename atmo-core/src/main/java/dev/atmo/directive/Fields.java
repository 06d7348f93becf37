package dev.atmo.directive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The keys of one YAML mapping, with typed accessors that report mistakes under the key's path
 * ({@code handlers[0].steps}) and treat a missing or null value as the zero value, as yaml.v2 does.
 */
final class Fields {
    private final YamlReader reader;
    private final Node node;
    private final String path;
    private final String displayName;
    private final Map<String, NodeTuple> entries;

    Fields(YamlReader reader, Node node, String path, String displayName, Map<String, NodeTuple> entries) {
        this.reader = reader;
        this.node = node;
        this.path = path;
        this.displayName = displayName;
        this.entries = entries;
    }

    Map<String, NodeTuple> entries() {
        return entries;
    }

    Mark mark() {
        return reader.mark(node);
    }

    /** The path of a key below this mapping, as used in messages. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return value(key).filter(v -> !YamlReader.isNull(v)).isPresent();
    }

    Optional<Node> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    /**
     * Where each key's value was written, in written order: the value when it starts on the key's line
     * ({@code appVersion: 1}, {@code runnables: []}), else the key ({@code with:} above its entries).
     */
    Map<String, Mark> keyMarks() {
        Map<String, Mark> marks = new LinkedHashMap<>();
        entries.forEach((key, tuple) -> {
            Mark keyMark = reader.mark(tuple.getKeyNode());
            Mark valueMark = reader.mark(tuple.getValueNode());
            marks.put(key, valueMark.line() == keyMark.line() ? valueMark : keyMark);
        });
        return marks;
    }

    /** Where a key's value was written, or this mapping's mark when the key is absent. */
    Mark markOf(String key) {
        return value(key).map(reader::mark).orElse(mark());
    }

    String text(String key) {
        return value(key).map(v -> reader.text(v, path(key))).orElse("");
    }

    /** A text that counts only when non-empty, as an {@code omitempty} string does. */
    Optional<String> optionalText(String key) {
        return Optional.of(text(key)).filter(t -> !t.isEmpty());
    }

    boolean bool(String key) {
        return value(key).map(v -> reader.bool(v, path(key))).orElse(false);
    }

    int integer(String key) {
        return value(key).map(v -> reader.integer(v, path(key))).orElse(0);
    }

    List<Node> list(String key) {
        return value(key).map(v -> reader.sequence(v, path(key))).orElse(List.of());
    }

    /** Reads each element of a list of mappings (a null list is empty), skipping elements that are not mappings. */
    <T> List<T> eachMapping(String key, Set<String> known, Function<Fields, T> read) {
        List<T> values = new ArrayList<>();
        List<Node> nodes = list(key);
        for (int i = 0; i < nodes.size(); i++) {
            String elementPath = path(key) + "[" + i + "]";
            reader.mapping(nodes.get(i), elementPath, elementPath, known).map(read).ifPresent(values::add);
        }
        return values;
    }

    Optional<Fields> mapping(String key, Set<String> known) {
        return value(key).flatMap(v -> reader.mapping(v, path(key), path(key), known));
    }

    Map<String, String> stringMap(String key) {
        return value(key).map(v -> reader.stringMap(v, path(key))).orElse(Map.of());
    }

    String joinedText(String key) {
        return value(key).map(v -> reader.joinedText(v, path(key))).orElse("");
    }

    String displayName() {
        return displayName;
    }
}
