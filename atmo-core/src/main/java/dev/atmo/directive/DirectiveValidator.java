package dev.atmo.directive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a Directive against every rule Atmo applied before starting (same messages, 0-based
 * positions), with our fixes: a Runnable without namespace is in {@code default}; an invalid
 * {@code onErr.other} is called that. On top: route conflicts, the {@code abi} extension, Redis and database
 * connections, and queries. All problems are returned at once, in file order.
 */
public final class DirectiveValidator {
    private final Directive directive;
    private final List<Problem> problems = new ArrayList<>();

    private DirectiveValidator(Directive directive) {
        this.directive = directive;
    }

    /** Every problem of the Directive, sorted by position; empty when it is valid. */
    public static List<Problem> validate(Directive directive) {
        DirectiveValidator validator = new DirectiveValidator(directive);
        validator.topLevel();
        validator.runnables();
        validator.connections();
        validator.authentication();
        validator.handlers();
        validator.problems.addAll(RouteConflicts.check(directive.handlers()));
        validator.schedules();
        validator.queries();
        List<Problem> sorted = new ArrayList<>(validator.problems);
        sorted.sort(Problem.BY_POSITION);
        return List.copyOf(sorted);
    }

    /** Validates and throws a {@link DirectiveException} naming {@code source} if anything is wrong. */
    public static void requireValid(Directive directive, String source) {
        List<Problem> found = validate(directive);
        if (!found.isEmpty()) {
            throw new DirectiveException(source, found);
        }
    }

    private void add(Mark at, String format, Object... args) {
        problems.add(new Problem(at, String.format(format, args)));
    }

    private void topLevel() {
        if (directive.identifier().isEmpty()) {
            add(directive.markOf("identifier"), "identifier is missing");
        }
        if (!GoSemver.isValid(directive.appVersion())) {
            add(directive.markOf("appVersion"), "app version is not a valid semantic version");
        }
        if (!GoSemver.isValid(directive.atmoVersion())) {
            add(directive.markOf("atmoVersion"), "atmo version is not a valid semantic version");
        }
    }

    private void runnables() {
        if (directive.runnables().isEmpty()) {
            add(directive.markOf("runnables"), "no functions listed");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<RunnableDecl> runnables = directive.runnables();
        for (int i = 0; i < runnables.size(); i++) {
            RunnableDecl runnable = runnables.get(i);
            runnable.abi().filter(abi -> !abi.equalsIgnoreCase("A") && !abi.equalsIgnoreCase("B")).ifPresent(abi -> add(
                    runnable.mark(), "runnable %s has invalid abi %s, must be 'A' or 'B'", runnable.name(), abi));
            String namespaced = runnable.namespacedName();
            if (seen.contains(namespaced) || seen.contains(runnable.name())) {
                add(runnable.mark(), "duplicate fn %s found", namespaced);
                continue;
            }
            if (runnable.name().isEmpty()) {
                add(runnable.mark(), "function at position %d missing name", i);
                continue;
            }
            if (runnable.namespace().equals(Fqfn.DEFAULT_NAMESPACE)) {
                seen.add(runnable.name());
            }
            seen.add(namespaced);
        }
    }

    private void connections() {
        Connections connections = directive.connections();
        connections.nats().ifPresent(nats -> serverAddress(nats.serverAddress(), nats.mark(), ""));
        connections.redis().ifPresent(redis -> serverAddress(redis.serverAddress(), redis.mark(), "redis "));
        connections.database().ifPresent(db -> {
            if (!db.type().equals(DatabaseConnection.MYSQL) && !db.type().equals(DatabaseConnection.POSTGRESQL)) {
                add(db.mark(), "database type %s is invalid, must be 'mysql' or 'postgresql'", db.type());
            }
            if (db.connectionString().isEmpty()) {
                add(db.mark(), "database connectionString is empty");
            }
        });
    }

    private void serverAddress(String address, Mark at, String prefix) {
        if (address.isEmpty()) {
            add(at, "%sserverAddress is empty", prefix);
            return;
        }
        GoUrl.parseError(address).ifPresent(error -> add(at, "%sfailed to parse ServerAddress as URL: %s",
                prefix, error));
    }

    private void authentication() {
        directive.authentication().domains().forEach((domain, auth) -> {
            if (auth.value().isEmpty()) {
                add(auth.mark(), "authentication for domain %s has an empty value", domain);
            }
        });
    }

    private void handlers() {
        StepRules steps = new StepRules(directive, problems);
        List<Handler> handlers = directive.handlers();
        for (int i = 0; i < handlers.size(); i++) {
            Handler h = handlers.get(i);
            Mark at = h.mark();
            if (!h.isRequest() && !h.isStream()) {
                add(at, "handler for resource %s has invalid type, must be 'request' or 'stream'", h.resource());
            }
            if (h.resource().isEmpty()) {
                add(at, "handler at position %d missing resource", i);
            }
            if (h.isRequest()) {
                requestRules(h);
            } else if (h.isStream()) {
                streamRules(h);
            }
            if (h.steps().isEmpty()) {
                add(at, "handler for resource %s missing steps", h.resource());
                continue;
            }
            Set<String> state = steps.check("handler", h.displayName(), h.steps(), Set.of());
            Step last = h.steps().getLast();
            Optional<String> response = h.response();
            if (response.isEmpty() && last.kind() == StepKind.GROUP) {
                add(at, "handler for %s has group as last step but does not include 'response' field",
                        h.displayName());
            } else if (response.isPresent() && !state.contains(response.get())) {
                add(at, "handler for %s lists response state key that does not exist: %s", h.displayName(),
                        response.get());
            }
        }
    }

    private void requestRules(Handler h) {
        if (!h.resource().startsWith("/")) {
            add(h.mark(), "handler resource must begin with leading slash '/': %s", h.resource());
        }
        if (h.method().isEmpty()) {
            add(h.mark(), "handler for resource %s has type 'request', but does not specify a method", h.resource());
        }
        if (h.respondTo().isPresent()) {
            add(h.mark(), "handler for resource %s has type 'request', but defines a 'respondTo' field, which only"
                    + " valid for type 'stream'", h.resource());
        }
    }

    private void streamRules(Handler h) {
        if (h.isWebsocketStream()) {
            if (!h.resource().startsWith("/")) {
                add(h.mark(), "handler resource must begin with leading slash '/': %s", h.resource());
            }
            for (String entry : h.extensions().getOrDefault("allowedOrigins", "").split(",")) {
                String origin = entry.strip();
                if (!origin.isEmpty()) {
                    OriginRules.problem(origin).ifPresent(what -> add(h.markOf("allowedOrigins"),
                            "handler for %s: allowedOrigins entry '%s' %s", h.resource(), origin, what));
                }
            }
        } else if (h.isNatsStream()) {
            if (directive.connections().nats().isEmpty()) {
                add(h.mark(), "handler for resource %s references source %s that is not configured", h.resource(),
                        h.source());
            }
        } else {
            add(h.mark(), "handler for resource %s references source %s that does not exist", h.resource(),
                    h.source());
        }
    }

    private void schedules() {
        StepRules steps = new StepRules(directive, problems);
        List<Schedule> schedules = directive.schedules();
        for (int i = 0; i < schedules.size(); i++) {
            Schedule s = schedules.get(i);
            if (s.name().isEmpty()) {
                add(s.mark(), "schedule at position %d has no name", i);
                continue;
            }
            if (s.steps().isEmpty()) {
                add(s.mark(), "schedule %s missing steps", s.name());
                continue;
            }
            every(s);
            steps.check("schedule", s.name(), s.steps(), s.state().keySet());
        }
    }

    /** A period must be more than zero: a negative part once made a schedule run back to back. */
    private void every(Schedule s) {
        Every every = s.every();
        Mark at = s.markOf("every");
        if (every.isEmpty()) {
            add(at, "schedule %s has no 'every' values", s.name());
            return;
        }
        Map<String, Integer> parts = new LinkedHashMap<>();
        parts.put("days", every.days());
        parts.put("hours", every.hours());
        parts.put("minutes", every.minutes());
        parts.put("seconds", every.seconds());
        parts.forEach((unit, value) -> {
            if (value < 0) {
                add(at, "schedule %s has every.%s: %d; a period cannot be negative, use a positive number",
                        s.name(), unit, value);
            }
        });
    }

    private void queries() {
        List<Query> queries = directive.queries();
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            if (q.name().isEmpty()) {
                add(q.mark(), "query at position %d has no name", i);
            }
            if (q.query().isEmpty()) {
                add(q.mark(), "query at position %d has no query value", i);
            } else if (q.type().isEmpty()) {
                add(q.mark(), "query at position %d has no type and does not start with %s", i,
                        String.join(", ", Query.TYPES));
            }
            if (!q.type().isEmpty() && !Query.TYPES.contains(q.type())) {
                add(q.mark(), "query at position %d has invalid type %s", i, q.type());
            }
            if (q.varCount() < 0) {
                add(q.mark(), "query at position %d cannot have negative var count", i);
            }
        }
    }
}
