package dev.atmo.wasm.abi;

import dev.atmo.wasm.abi.Exerciser.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The cells of the conformance table (import, generation, language) and the tests that verified each one.
 * A cell is recorded only after a test asserted the exact outcome of a script calling that import, so the
 * final check can tell which imports were really exercised in which language.
 */
final class ConformanceCells {
    record Cell(String importName, AbiVersion abi, Language language) {
        @Override
        public String toString() {
            return importName + " (" + abi + ", " + language.title() + ")";
        }
    }

    /** Which import each command of the exerciser protocol calls. */
    private static final Map<String, String> IMPORT_OF_COMMAND = Map.ofEntries(
            Map.entry("fetch", "fetch_url"),
            Map.entry("graphql", "graphql_query"),
            Map.entry("cache_set", "cache_set"),
            Map.entry("cache_get", "cache_get"),
            Map.entry("log", "log_msg"),
            Map.entry("field", "request_get_field"),
            Map.entry("set_field", "request_set_field"),
            Map.entry("header", "resp_set_header"),
            Map.entry("static", "get_static_file"),
            Map.entry("var", "add_ffi_var"),
            Map.entry("db", "db_exec"),
            Map.entry("result", "return_result"),
            Map.entry("error", "return_error"),
            Map.entry("abort", "return_abort"),
            Map.entry("ffi", "get_ffi_result"));
    private static final Set<String> PREFIXES = Set.of("badident", "nofetch", "pending");
    private static final Pattern TEST_NAME = Pattern.compile("`([A-Za-z0-9]+)`");

    private final Map<Cell, Set<String>> verified = new ConcurrentHashMap<>();

    /**
     * Records the imports a script called whose outcome a test asserted exactly.
     *
     * @param output the exerciser's output, which shows whether {@code get_ffi_result} was called
     * @param reported whether the invocation ended in {@code return_result}
     */
    void verified(Exerciser exerciser, String test, String script, String output, boolean reported) {
        Set<String> imports = new TreeSet<>();
        for (String line : script.split("\n")) {
            String[] words = line.strip().split(" ");
            int i = 0;
            while (i < words.length - 1 && PREFIXES.contains(words[i])) {
                i++;
            }
            String called = IMPORT_OF_COMMAND.get(words[i]);
            if (called != null) {
                imports.add(called);
            }
        }
        if (output.contains("ffi=")) {
            imports.add("get_ffi_result");
        }
        if (reported) {
            imports.add("return_result");
        }
        for (String name : imports) {
            Cell cell = new Cell(exerciser.importName(name), exerciser.abi(), exerciser.language());
            verified.computeIfAbsent(cell, c -> ConcurrentHashMap.newKeySet()).add(test);
        }
    }

    boolean isEmpty() {
        return verified.isEmpty();
    }

    /** Cells of every provided import (twins in the Swift column, the rest in the others) no test verified. */
    List<Cell> unverified() {
        List<Cell> missing = new ArrayList<>();
        for (AbiVersion abi : AbiVersion.values()) {
            for (String name : EnvImports.names(abi)) {
                for (Language language : languagesOf(name)) {
                    if (!language.covers(abi)) {
                        continue;
                    }
                    Cell cell = new Cell(name, abi, language);
                    if (!verified.containsKey(cell)) {
                        missing.add(cell);
                    }
                }
            }
        }
        return missing;
    }

    private static Set<Language> languagesOf(String importName) {
        return importName.endsWith("_swift")
                ? EnumSet.of(Language.SWIFT_WAT)
                : EnumSet.complementOf(EnumSet.of(Language.SWIFT_WAT));
    }

    /**
     * Checks the table in the conformance document: a row per import and generation, and in every language column
     * a tick naming only tests that verified that cell. Returns what is wrong, empty when the table is right.
     */
    List<String> tableProblems(Path document) {
        List<String> problems = new ArrayList<>();
        Set<String> rowsSeen = new TreeSet<>();
        for (String line : tableRows(read(document))) {
            String[] cells = Arrays.stream(line.split("\\|", -1)).map(String::strip).toArray(String[]::new);
            String name = cells[1].replace("`", "");
            AbiVersion abi = AbiVersion.parse(cells[2]);
            rowsSeen.add(name + " " + abi);
            if (!EnvImports.names(abi).contains(name)) {
                problems.add("row " + name + " " + abi + ": the engine provides no such import in ABI " + abi);
                continue;
            }
            Language[] languages = Language.values();
            for (int i = 0; i < languages.length; i++) {
                if (!languages[i].covers(abi)) {
                    if (!cells[3 + i].equals("–")) {
                        problems.add("row " + name + " " + abi + ": " + languages[i].title()
                                + " has no exerciser of this generation, its cell must be –");
                    }
                    continue;
                }
                Cell cell = new Cell(languages[i] == Language.SWIFT_WAT ? name + "_swift" : name, abi, languages[i]);
                problems.addAll(cellProblems(cell, cells[3 + i]));
            }
        }
        for (AbiVersion abi : AbiVersion.values()) {
            EnvImports.names(abi).stream().filter(n -> !n.endsWith("_swift"))
                    .filter(n -> !rowsSeen.contains(n + " " + abi))
                    .forEach(n -> problems.add("no row for " + n + " in ABI " + abi));
        }
        return problems;
    }

    /** The rows of the table headed {@code | Import | ABI | <language titles> |}, without header and rule. */
    private static List<String> tableRows(List<String> lines) {
        String header = "| Import | ABI | " + Arrays.stream(Language.values()).map(Language::title)
                .collect(Collectors.joining(" | ")) + " |";
        int start = lines.indexOf(header);
        if (start < 0) {
            throw new IllegalStateException("no table headed '" + header + "'");
        }
        return lines.subList(start + 2, lines.size()).stream().takeWhile(l -> l.startsWith("|")).toList();
    }

    private List<String> cellProblems(Cell cell, String text) {
        Set<String> tests = verified.getOrDefault(cell, Set.of());
        List<String> named = new ArrayList<>();
        Matcher matcher = TEST_NAME.matcher(text);
        while (matcher.find()) {
            named.add(matcher.group(1));
        }
        if (!text.startsWith("✓") || named.isEmpty()) {
            return List.of(cell + ": the table names no test; verified by " + sorted(tests));
        }
        return named.stream().filter(t -> !tests.contains(t))
                .map(t -> cell + ": " + t + " did not verify it; verified by " + sorted(tests)).toList();
    }

    private static String sorted(Set<String> tests) {
        return tests.isEmpty() ? "no test" : tests.stream().sorted().collect(Collectors.joining(", "));
    }

    private static List<String> read(Path document) {
        try {
            return Files.readAllLines(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
