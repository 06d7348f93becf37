package dev.atmo.directive;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An application: its identity and versions, its Runnables, the connections and credentials it uses, and
 * the handlers, schedules and queries that put the Runnables to work. Read from {@code Directive.yaml} by
 * {@link DirectiveLoader}, checked by {@link DirectiveValidator}. {@code capabilities} is kept as plain maps,
 * lists and strings until its schema is settled; {@code keyMarks} says where each top-level key's value was
 * written, so problems with a scalar such as {@code appVersion} can point at its line.
 */
public record Directive(String identifier, String appVersion, String atmoVersion, boolean headless,
        List<RunnableDecl> runnables, Connections connections, Authentication authentication,
        List<Handler> handlers, List<Schedule> schedules, List<Query> queries, Map<String, Object> capabilities,
        Mark mark, Map<String, Mark> keyMarks) {

    public Directive {
        identifier = Copy.text(identifier);
        appVersion = Copy.text(appVersion);
        atmoVersion = Copy.text(atmoVersion);
        runnables = Copy.list(runnables);
        connections = Objects.requireNonNullElse(connections, Connections.NONE);
        authentication = Objects.requireNonNullElse(authentication, Authentication.NONE);
        handlers = Copy.list(handlers);
        schedules = Copy.list(schedules);
        queries = Copy.list(queries);
        capabilities = Copy.map(capabilities);
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
        keyMarks = Copy.map(keyMarks);
    }

    /**
     * Finds the Runnable a reference ({@code hello}, {@code ns::hello}, or a full FQFN) names: identifier
     * and version, when given, must be this Directive's; name and namespace must match.
     */
    public Optional<RunnableDecl> resolve(String reference) {
        Fqfn wanted = Fqfn.parse(reference);
        if (!wanted.identifier().isEmpty() && !wanted.identifier().equals(identifier)) {
            return Optional.empty();
        }
        if (!wanted.version().isEmpty() && !wanted.version().equals(appVersion)) {
            return Optional.empty();
        }
        return runnables.stream()
                .filter(r -> r.name().equals(wanted.name()) && r.namespace().equals(wanted.namespace()))
                .findFirst();
    }

    /**
     * The FQFN a Runnable runs under: computed from this Directive's identifier and appVersion, unless the
     * Runnable carries a complete {@code fqfn} already (a marshalled Directive keeps what it was given).
     */
    public Fqfn fqfnOf(RunnableDecl runnable) {
        if (!runnable.fqfn().isEmpty()) {
            Fqfn given = Fqfn.parse(runnable.fqfn());
            if (given.isComplete()) {
                return given;
            }
        }
        return new Fqfn(identifier, runnable.namespace(), runnable.name(), appVersion);
    }

    /** Where a top-level key's value was written, or the Directive's own mark when it was not. */
    public Mark markOf(String key) {
        return keyMarks.getOrDefault(key, mark);
    }

    /** This Directive with another list of Runnables, as when a bundle derives them from its modules. */
    public Directive withRunnables(List<RunnableDecl> newRunnables) {
        return new Directive(identifier, appVersion, atmoVersion, headless, newRunnables, connections,
                authentication, handlers, schedules, queries, capabilities, mark, keyMarks);
    }
}
