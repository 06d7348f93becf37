package dev.atmo.cli.project;

import dev.atmo.directive.Directive;
import dev.atmo.directive.DirectiveException;
import dev.atmo.directive.DirectiveLoader;
import dev.atmo.directive.DirectiveValidator;
import dev.atmo.directive.Mark;
import dev.atmo.directive.Problem;
import dev.atmo.directive.RunnableDecl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds entries to a hand-written {@code Directive.yaml} by inserting text, so the user's formatting, order and
 * comments stay as they were. A new item goes after the last item of the top-level block list ({@code handlers:}
 * or {@code runnables:}), with the indentation that list already uses; a missing list is appended at the end.
 */
public final class DirectiveEdit {
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*:(.*)$");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)-(\\s|$)");
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    private final String fileName;
    private String text;

    public DirectiveEdit(String fileName, String text) {
        this.fileName = fileName;
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Adds a request handler running one step, {@code fn: <runnable>}. */
    public DirectiveEdit addRoute(String method, String resource, String runnable) {
        String upper = method.toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(upper).matches()) {
            throw new UsageException("invalid HTTP method '" + method + "' for --route; give for example POST /"
                    + runnable);
        }
        if (!resource.startsWith("/") || resource.chars().anyMatch(Character::isWhitespace)) {
            throw new UsageException("invalid route path '" + resource + "': it must start with '/' and have no "
                    + "spaces, for example /" + runnable);
        }
        append("handlers", List.of("type: request", "method: " + upper, "resource: " + resource, "steps:",
                "  - fn: " + runnable));
        return this;
    }

    /** Adds a Runnable entry, but only when the Directive lists its Runnables itself. */
    public DirectiveEdit declareRunnable(String name, Language language) {
        if (topLevelLine("runnables") >= 0) {
            append("runnables", List.of("name: " + name, "namespace: default", "lang: " + language.id()));
        }
        return this;
    }

    /**
     * Loads the edited text and validates it with the project's Runnables (those the Directive lists, or else
     * {@code runnables}).
     *
     * @throws ProjectException listing every problem, with line and column, when the result is not valid
     */
    public void validate(List<String> runnables) {
        List<Problem> problems = new ArrayList<>();
        try {
            Directive directive = DirectiveLoader.load(text.getBytes(StandardCharsets.UTF_8), fileName).directive();
            if (directive.runnables().isEmpty()) {
                directive = directive.withRunnables(runnables.stream()
                        .map(name -> RunnableDecl.named("default", name, Mark.of(fileName))).toList());
            }
            problems.addAll(DirectiveValidator.validate(directive));
        } catch (DirectiveException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ProjectException(Problem.render(fileName, problems) + "\n" + fileName
                    + " left unchanged (the lines above are those it would have had with the addition)");
        }
    }

    private void append(String key, List<String> itemLines) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int keyLine = topLevelLine(key);
        if (keyLine < 0) {
            if (!lines.isEmpty() && !lines.getLast().isBlank()) {
                lines.add("");
            }
            lines.add(key + ":");
            lines.addAll(item("  ", itemLines));
            text = String.join("\n", lines) + "\n";
            return;
        }
        Matcher keyMatch = TOP_LEVEL_KEY.matcher(lines.get(keyLine));
        keyMatch.matches();
        String rest = keyMatch.group(2).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            throw new ProjectException(fileName + ":" + (keyLine + 1) + ": " + key + " is not written as a block "
                    + "list ('- ' items on the following lines); add the entry by hand");
        }
        int last = keyLine;
        String indent = null;
        for (int i = keyLine + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0)) && !line.startsWith("-")) {
                break;
            }
            last = i;
            Matcher item = ITEM.matcher(line);
            if (indent == null && item.find()) {
                indent = item.group(1);
            }
        }
        lines.addAll(last + 1, item(indent == null ? "  " : indent, itemLines));
        text = String.join("\n", lines) + "\n";
    }

    private static List<String> item(String indent, List<String> itemLines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < itemLines.size(); i++) {
            out.add(indent + (i == 0 ? "- " : "  ") + itemLines.get(i));
        }
        return out;
    }

    private int topLevelLine(String key) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TOP_LEVEL_KEY.matcher(lines.get(i));
            if (m.matches() && m.group(1).equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
