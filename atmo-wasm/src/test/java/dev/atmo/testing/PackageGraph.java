package dev.atmo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package of a source tree uses which, read from the sources themselves: every {@code dev.atmo...} name in
 * code (imports, static imports, fully qualified names; comments and strings do not count) that names another
 * package of the same tree is an edge. {@link #assertNoCyclesBut} fails naming each cycle and the files that
 * close it. Shared with the other modules' tests through this module's test jar.
 */
public final class PackageGraph {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern REFERENCE =
            Pattern.compile("\\bdev\\.atmo((?:\\.[a-z_][a-z0-9_]*)*)\\s*\\.\\s*(?:[A-Z]|\\*)");

    private final Path root;
    /** package -> used package -> the first file (relative to the root) that uses it. */
    private final Map<String, Map<String, Path>> edges;

    private PackageGraph(Path root, Map<String, Map<String, Path>> edges) {
        this.root = root;
        this.edges = edges;
    }

    /** Reads every {@code .java} file under {@code sourceRoot} (e.g. a module's {@code src/main/java}). */
    public static PackageGraph read(Path sourceRoot) {
        Map<Path, String> packages = new TreeMap<>();
        Map<Path, String> code = new HashMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String text = withoutCommentsAndStrings(Files.readString(file));
                Matcher declared = PACKAGE.matcher(text);
                packages.put(file, declared.find() ? declared.group(1) : "");
                code.put(file, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sources under " + sourceRoot, e);
        }
        Set<String> known = new TreeSet<>(packages.values());
        Map<String, Map<String, Path>> edges = new TreeMap<>();
        known.forEach(p -> edges.put(p, new TreeMap<>()));
        packages.forEach((file, from) -> {
            Matcher reference = REFERENCE.matcher(code.get(file));
            while (reference.find()) {
                String to = "dev.atmo" + reference.group(1);
                if (!to.equals(from) && known.contains(to)) {
                    edges.get(from).putIfAbsent(to, sourceRoot.relativize(file));
                }
            }
        });
        return new PackageGraph(sourceRoot, edges);
    }

    /** The packages of the tree, each with the packages of the tree it uses. */
    public Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> out = new TreeMap<>();
        edges.forEach((from, to) -> out.put(from, new TreeSet<>(to.keySet())));
        return out;
    }

    /**
     * The groups of packages that depend on each other in a circle (strongly connected components of more than one
     * package), each as its sorted member names with one cycle through them spelled out.
     */
    public List<Cycle> cycles() {
        List<Cycle> cycles = new ArrayList<>();
        for (SortedSet<String> component : new Components().find()) {
            if (component.size() > 1) {
                cycles.add(new Cycle(component, describe(component)));
            }
        }
        return cycles;
    }

    /**
     * Fails when the tree has a package cycle that {@code known} does not list (by its member packages), or when
     * {@code known} lists one that is gone, so the list only ever shrinks.
     */
    public void assertNoCyclesBut(Set<Set<String>> known) {
        List<Cycle> found = cycles();
        List<String> problems = new ArrayList<>();
        found.stream().filter(c -> !known.contains(c.packages()))
                .forEach(c -> problems.add("package cycle: " + c.description()));
        known.stream().filter(k -> found.stream().noneMatch(c -> c.packages().equals(k)))
                .forEach(k -> problems.add("the known cycle " + new TreeSet<>(k)
                        + " is gone (or has changed members): take it off the list"));
        if (!problems.isEmpty()) {
            throw new AssertionError("packages under " + root + " must depend on each other one way only:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** A shortest cycle from the component's first package back to it, with the file that makes each step. */
    private String describe(SortedSet<String> component) {
        String start = component.first();
        Map<String, String> cameFrom = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Optional<String> last = Optional.empty();
        while (!queue.isEmpty() && last.isEmpty()) {
            String at = queue.removeFirst();
            for (String next : edges.get(at).keySet()) {
                if (next.equals(start)) {
                    last = Optional.of(at);
                    break;
                }
                if (component.contains(next) && !cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.addLast(next);
                }
            }
        }
        List<String> path = new ArrayList<>(List.of(start));
        for (String at = last.orElseThrow(); !at.equals(start); at = cameFrom.get(at)) {
            path.add(1, at);
        }
        path.add(start);
        StringBuilder text = new StringBuilder(String.join(" -> ", path)).append(" (");
        for (int i = 0; i + 1 < path.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(edges.get(path.get(i)).get(path.get(i + 1)))
                    .append(" uses ").append(path.get(i + 1));
        }
        return text.append(')').toString();
    }

    /** Tarjan's strongly connected components over the package edges. */
    private final class Components {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> lowLink = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<SortedSet<String>> found = new ArrayList<>();

        List<SortedSet<String>> find() {
            edges.keySet().stream().filter(p -> !index.containsKey(p)).forEach(this::visit);
            return found;
        }

        private void visit(String node) {
            index.put(node, index.size());
            lowLink.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (String next : edges.get(node).keySet()) {
                if (!index.containsKey(next)) {
                    visit(next);
                    lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
                } else if (onStack.contains(next)) {
                    lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
                }
            }
            if (lowLink.get(node).equals(index.get(node))) {
                SortedSet<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                found.add(component);
            }
        }
    }

    /** Java source with comments, string and character literals blanked out, so only code is searched. */
    static String withoutCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            int end = literalOrCommentEnd(source, i);
            if (end > i) {
                out.append(' ');
                i = end;
            } else {
                out.append(source.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Where the comment or literal starting at {@code i} ends, or {@code i} when none starts there. */
    private static int literalOrCommentEnd(String s, int i) {
        if (s.startsWith("//", i)) {
            int newline = s.indexOf('\n', i);
            return newline < 0 ? s.length() : newline;
        }
        if (s.startsWith("/*", i)) {
            int close = s.indexOf("*/", i + 2);
            return close < 0 ? s.length() : close + 2;
        }
        if (s.startsWith("\"\"\"", i)) {
            int close = s.indexOf("\"\"\"", i + 3);
            while (close > 0 && s.charAt(close - 1) == '\\') {
                close = s.indexOf("\"\"\"", close + 1);
            }
            return close < 0 ? s.length() : close + 3;
        }
        char c = s.charAt(i);
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
                j += s.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(j + 1, s.length());
        }
        return i;
    }

    /** Packages that use each other in a circle: the members, and one cycle through them with its files. */
    public record Cycle(SortedSet<String> packages, String description) {
    }
}
