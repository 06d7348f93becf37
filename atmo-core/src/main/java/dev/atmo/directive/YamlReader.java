package dev.atmo.directive;

import java.io.ByteArrayInputStream;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.YamlUnicodeReader;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads typed values out of composed YAML nodes, the way {@code gopkg.in/yaml.v2} would accept them, while
 * keeping every node's position. Type mismatches are collected as errors so one pass reports them all;
 * unknown and duplicate keys are warnings.
 */
final class YamlReader {
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUES = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y",
            "on", "On", "ON");
    private static final Set<String> FALSES = Set.of("false", "False", "FALSE", "no", "No", "NO", "n", "N",
            "off", "Off", "OFF");
    private static final int MAX_DEPTH = 64;
    /** No Directive comes near this; a larger file is refused before the parser (slow on huge values) sees it. */
    static final int MAX_BYTES = 1024 * 1024;
    /** Deeper mappings and lists are refused before composing, which recurses once per level. */
    static final int MAX_NESTING = 64;
    // aliases let a small document describe a huge tree; free-form sections are the only place we walk one
    private static final int MAX_PLAIN_NODES = 100_000;
    private static final String MERGE_KEY = "<<";

    private final String file;
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private int plainNodes;

    YamlReader(String file) {
        this.file = file;
    }

    /**
     * Parses one YAML document; syntax errors, an empty document, a file over {@link #MAX_BYTES} and nesting
     * deeper than {@link #MAX_NESTING} end reading at once.
     */
    Node compose(byte[] yaml, String what) {
        if (yaml.length > MAX_BYTES) {
            throw fail(Mark.of(file), what + " is " + yaml.length + " bytes, more than the limit of " + MAX_BYTES
                    + " bytes (1 MiB); it was not read");
        }
        LoadSettings settings = LoadSettings.builder().setLabel(file).setUseMarks(true)
                .setCodePointLimit(MAX_BYTES).build();
        Optional<Node> root;
        try {
            checkNesting(settings, yaml, what);
            root = new Composer(settings, parser(settings, yaml)).getSingleNode();
        } catch (MarkedYamlEngineException e) {
            Mark at = e.getProblemMark().or(e::getContextMark).map(this::mark).orElse(Mark.of(file));
            String context = e.getContext() == null || e.getContext().isBlank() ? "" : " (" + e.getContext() + ")";
            throw fail(at, "invalid YAML: " + e.getProblem() + context);
        } catch (YamlEngineException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof CharacterCodingException) {
                    throw fail(Mark.of(file), "not valid UTF-8 text");
                }
            }
            throw fail(Mark.of(file), "invalid YAML: " + e.getMessage());
        }
        if (root.isEmpty() || isNull(root.get())) {
            throw fail(Mark.of(file), what + " is empty");
        }
        return root.get();
    }

    /** The parser over the document's bytes, built from the packages snakeyaml-engine exports to modules. */
    private static ParserImpl parser(LoadSettings settings, byte[] yaml) {
        return new ParserImpl(settings, new StreamReader(settings,
                new YamlUnicodeReader(new ByteArrayInputStream(yaml))));
    }

    /** Walks the parser's events (which keeps its own stack) so composing never meets a structure too deep. */
    private void checkNesting(LoadSettings settings, byte[] yaml, String what) {
        int depth = 0;
        for (ParserImpl events = parser(settings, yaml); events.hasNext(); ) {
            Event event = events.next();
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_NESTING) {
                        Mark at = event.getStartMark().map(this::mark).orElse(Mark.of(file));
                        throw fail(at, what + " nests mappings and lists more than " + MAX_NESTING
                                + " levels deep; it was not read further");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {
                }
            }
        }
    }

    private DirectiveException fail(Mark at, String message) {
        return new DirectiveException(file, List.of(new Problem(at, message)));
    }

    /** Ends reading with every error collected so far, if there are any. */
    void throwIfErrors() {
        if (!errors.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(errors);
            sorted.sort(Problem.BY_POSITION);
            throw new DirectiveException(file, sorted, warnings());
        }
    }

    List<Problem> warnings() {
        List<Problem> sorted = new ArrayList<>(warnings);
        sorted.sort(Problem.BY_POSITION);
        return sorted;
    }

    Mark mark(Node node) {
        return node.getStartMark().map(this::mark).orElse(Mark.of(file));
    }

    private Mark mark(org.snakeyaml.engine.v2.exceptions.Mark m) {
        return new Mark(file, m.getLine() + 1, m.getColumn() + 1);
    }

    void error(Node node, String message) {
        errors.add(new Problem(mark(node), message));
    }

    void warn(Node node, String message) {
        warnings.add(new Problem(mark(node), message));
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar
                && (Tag.NULL.equals(scalar.getTag()) || scalar.isPlain() && NULLS.contains(scalar.getValue()));
    }

    static String describe(Node node) {
        return switch (node) {
            case MappingNode ignored -> "a mapping";
            case SequenceNode ignored -> "a list";
            case ScalarNode scalar -> "'" + scalar.getValue() + "'";
            default -> "a " + node.getNodeType();
        };
    }

    /**
     * The keys of a mapping, in written order. A null value reads as an empty mapping; anything else that is
     * not a mapping is an error. {@code known} lists the accepted keys (null: accept any).
     */
    Optional<Fields> mapping(Node node, String path, String displayName, Set<String> known) {
        if (isNull(node)) {
            return Optional.of(new Fields(this, node, path, displayName, Map.of()));
        }
        if (!(node instanceof MappingNode mapping)) {
            error(node, displayName + " must be a mapping, found " + describe(node));
            return Optional.empty();
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        List<Node> merges = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                error(tuple.getKeyNode(), displayName + " has a key that is not a plain value");
                continue;
            }
            if (key.isPlain() && MERGE_KEY.equals(key.getValue())) {
                merges.add(tuple.getValueNode());
                continue;
            }
            if (entries.put(key.getValue(), tuple) != null) {
                warn(key, "duplicate key '" + key.getValue() + "' in " + displayName + ", the last one is used");
            }
            if (known != null && !known.contains(key.getValue())) {
                warn(key, "unknown key '" + key.getValue() + "' in " + displayName
                        + Suggestion.didYouMean(key.getValue(), known));
            }
        }
        for (Node merge : merges) {
            List<Node> sources = merge instanceof SequenceNode seq ? seq.getValue() : List.of(merge);
            for (Node source : sources) {
                mapping(source, path, displayName, known)
                        .ifPresent(merged -> merged.entries().forEach(entries::putIfAbsent));
            }
        }
        return Optional.of(new Fields(this, node, path, displayName, entries));
    }

    /** The elements of a list; null reads as an empty list. */
    List<Node> sequence(Node node, String path) {
        if (isNull(node)) {
            return List.of();
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        error(node, path + " must be a list, found " + describe(node));
        return List.of();
    }

    /** A scalar's text, whatever YAML type it resolves to (a string field takes {@code 1.0} as "1.0"). */
    String text(Node node, String path) {
        if (isNull(node)) {
            return "";
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        error(node, path + " must be a single value, found " + describe(node));
        return "";
    }

    boolean bool(Node node, String path) {
        String text = text(node, path);
        if (TRUES.contains(text)) {
            return true;
        }
        if (!text.isEmpty() && !FALSES.contains(text) && node instanceof ScalarNode) {
            error(node, path + " must be true or false, found '" + text + "'");
        }
        return false;
    }

    int integer(Node node, String path) {
        String text = text(node, path);
        if (text.isEmpty()) {
            return 0;
        }
        Optional<Integer> value = parseInt(text);
        if (value.isEmpty() && node instanceof ScalarNode) {
            error(node, path + " must be a whole number, found '" + text + "'");
        }
        return value.orElse(0);
    }

    /** YAML integer forms: decimal with sign and underscores, {@code 0x}, {@code 0o} and {@code 0b}. */
    static Optional<Integer> parseInt(String text) {
        String digits = text.replace("_", "");
        int sign = 1;
        if (digits.startsWith("-") || digits.startsWith("+")) {
            sign = digits.startsWith("-") ? -1 : 1;
            digits = digits.substring(1);
        }
        boolean prefixed = digits.length() > 2 && digits.charAt(0) == '0' && "xXoObB".indexOf(digits.charAt(1)) >= 0;
        int radix = prefixed ? switch (Character.toLowerCase(digits.charAt(1))) {
            case 'x' -> 16;
            case 'o' -> 8;
            default -> 2;
        } : 10;
        if (prefixed) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || digits.chars().anyMatch(c -> Character.digit(c, radix) < 0)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Math.toIntExact(sign * Long.parseLong(digits, radix)));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** A mapping of plain values, such as {@code with} or a schedule's {@code state}. */
    Map<String, String> stringMap(Node node, String path) {
        Map<String, String> values = new LinkedHashMap<>();
        mapping(node, path, path, null).ifPresent(fields -> fields.entries().forEach(
                (key, tuple) -> values.put(key, text(tuple.getValueNode(), path + "." + key))));
        return values;
    }

    /** A plain value, or a list of plain values joined with commas. */
    String joinedText(Node node, String path) {
        if (node instanceof SequenceNode seq) {
            List<String> parts = new ArrayList<>();
            for (Node element : seq.getValue()) {
                parts.add(text(element, path));
            }
            return String.join(",", parts);
        }
        return text(node, path);
    }

    /** Plain Java maps, lists and strings, for sections whose schema is not ours to check. */
    Object plain(Node node, String path) {
        plainNodes = 0;
        try {
            return plain(node, path, 0);
        } catch (TooLarge e) {
            error(node, path + " is too large: more than " + MAX_PLAIN_NODES + " values once aliases are expanded");
            return "";
        }
    }

    /** Unwinds a walk that passed its budget; the caller reports it once. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    private Object plain(Node node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            error(node, path + " is nested too deeply");
            return "";
        }
        if (++plainNodes > MAX_PLAIN_NODES) {
            throw new TooLarge();
        }
        if (node instanceof SequenceNode seq) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                values.add(plain(seq.getValue().get(i), path + "[" + i + "]", depth + 1));
            }
            return List.copyOf(values);
        }
        if (node instanceof MappingNode) {
            Map<String, Object> values = new LinkedHashMap<>();
            mapping(node, path, path, null).ifPresent(fields -> fields.entries().forEach(
                    (key, tuple) -> values.put(key, plain(tuple.getValueNode(), path + "." + key, depth + 1))));
            return Copy.map(values);
        }
        return text(node, path);
    }
}
