package dev.atmo.directive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code Directive.yaml} (hand-written or as subo marshals it) and {@code .runnable.yaml} files into
 * records that remember where each part was written. Unknown keys are warnings; YAML syntax errors and
 * wrong types are a {@link DirectiveException} listing every such mistake. Reading does not validate: see
 * {@link DirectiveValidator}.
 */
public final class DirectiveLoader {
    private static final Set<String> DIRECTIVE_KEYS = Set.of("identifier", "appVersion", "atmoVersion", "headless",
            "runnables", "connections", "authentication", "capabilities", "handlers", "schedules", "queries");
    private static final Set<String> RUNNABLE_KEYS = Set.of("name", "namespace", "lang", "version", "draftVersion",
            "apiVersion", "fqfn", "fqfnUri", "abi");
    private static final Set<String> CONNECTION_KEYS = Set.of("nats", "redis", "database");
    private static final Set<String> QUERY_KEYS = Set.of("name", "type", "query", "varCount");
    private static final Pattern DOLLAR_PLACEHOLDER = Pattern.compile("\\$(\\d+)");

    private DirectiveLoader() {
    }

    /** Reads a Directive file from disk; its path names it in every problem. */
    public static LoadResult load(Path path) {
        try {
            return load(Files.readAllBytes(path), path.toString());
        } catch (IOException e) {
            throw new DirectiveException(path.toString(),
                    List.of(new Problem(Mark.of(path.toString()), "cannot read the Directive: " + e)));
        }
    }

    /** Reads a Directive from YAML bytes; {@code fileName} names it in every problem. */
    public static LoadResult load(byte[] yaml, String fileName) {
        YamlReader reader = new YamlReader(fileName);
        Node root = reader.compose(yaml, "the Directive");
        Optional<Fields> maybeTop = reader.mapping(root, "", "the Directive", DIRECTIVE_KEYS);
        reader.throwIfErrors();
        Fields top = maybeTop.orElseThrow();
        HandlerReader handlers = new HandlerReader(reader);

        Directive directive = new Directive(top.text("identifier"), top.text("appVersion"),
                top.text("atmoVersion"), top.bool("headless"),
                top.eachMapping("runnables", RUNNABLE_KEYS, DirectiveLoader::runnable), connections(top),
                authentication(top), handlers.handlers(top), handlers.schedules(top),
                top.eachMapping("queries", QUERY_KEYS, DirectiveLoader::query), capabilities(reader, top),
                top.mark(), top.keyMarks());
        reader.throwIfErrors();
        return new LoadResult(directive, reader.warnings());
    }

    /** Reads a {@code .runnable.yaml}; a missing name stays empty for the caller to default. */
    public static RunnableLoadResult loadRunnable(byte[] yaml, String fileName) {
        YamlReader reader = new YamlReader(fileName);
        Node root = reader.compose(yaml, "the Runnable");
        Optional<RunnableDecl> runnable = reader.mapping(root, "", "the Runnable", RUNNABLE_KEYS)
                .map(DirectiveLoader::runnable);
        reader.throwIfErrors();
        return new RunnableLoadResult(runnable.orElseThrow(), reader.warnings());
    }

    private static RunnableDecl runnable(Fields fields) {
        Optional<String> abi = fields.optionalText("abi").map(String::strip)
                .map(a -> a.equalsIgnoreCase("A") || a.equalsIgnoreCase("B") ? a.toUpperCase(Locale.ROOT) : a);
        return new RunnableDecl(fields.text("name"), fields.text("namespace"), fields.text("lang"),
                fields.text("version"), fields.text("apiVersion"), fields.text("fqfn"), abi, fields.mark());
    }

    private static Connections connections(Fields top) {
        return top.mapping("connections", CONNECTION_KEYS).map(c -> new Connections(
                c.has("nats")
                        ? c.mapping("nats", Set.of("serverAddress"))
                                .map(n -> new NatsConnection(n.text("serverAddress"), n.mark()))
                        : Optional.empty(),
                c.has("redis")
                        ? c.mapping("redis", Set.of("serverAddress", "username", "password"))
                                .map(r -> new RedisConnection(r.text("serverAddress"), r.text("username"),
                                        r.text("password"), r.mark()))
                        : Optional.empty(),
                c.has("database")
                        ? c.mapping("database", Set.of("type", "connectionString"))
                                .map(d -> new DatabaseConnection(d.text("type"), d.text("connectionString"),
                                        d.mark()))
                        : Optional.empty()))
                .orElse(Connections.NONE);
    }

    private static Authentication authentication(Fields top) {
        return top.mapping("authentication", Set.of("domains"))
                .flatMap(a -> a.mapping("domains", null))
                .map(domains -> {
                    Map<String, DomainAuth> byHost = new LinkedHashMap<>();
                    for (String host : domains.entries().keySet()) {
                        domains.mapping(host, Set.of("headerType", "value")).ifPresent(h -> byHost.put(host,
                                new DomainAuth(h.text("headerType"), h.text("value"), h.mark())));
                    }
                    return new Authentication(byHost);
                })
                .orElse(Authentication.NONE);
    }

    private static Query query(Fields q) {
        String sql = q.text("query");
        String type = q.has("type") ? q.text("type") : detectType(sql);
        int varCount = q.has("varCount") ? q.integer("varCount") : countVariables(sql);
        return new Query(q.text("name"), type, sql, varCount, q.mark());
    }

    private static String detectType(String sql) {
        String start = sql.stripLeading().toLowerCase(Locale.ROOT);
        return Query.TYPES.stream().filter(verb -> start.startsWith(verb)).findFirst().orElse("");
    }

    /** Counts {@code ?} placeholders, or else takes the highest {@code $n}; quoted text is not SQL. */
    static int countVariables(String sql) {
        StringBuilder unquoted = new StringBuilder();
        boolean inQuote = false;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                inQuote = !inQuote;
            } else if (!inQuote) {
                unquoted.append(c);
            }
        }
        long questionMarks = unquoted.chars().filter(c -> c == '?').count();
        if (questionMarks > 0) {
            return (int) questionMarks;
        }
        int highest = 0;
        Matcher matcher = DOLLAR_PLACEHOLDER.matcher(unquoted);
        while (matcher.find()) {
            highest = Math.max(highest, YamlReader.parseInt(matcher.group(1)).orElse(0));
        }
        return highest;
    }

    private static Map<String, Object> capabilities(YamlReader reader, Fields top) {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        top.mapping("capabilities", null).ifPresent(c -> c.entries().forEach(
                (key, tuple) -> capabilities.put(key, reader.plain(tuple.getValueNode(), c.path(key)))));
        return capabilities;
    }
}
