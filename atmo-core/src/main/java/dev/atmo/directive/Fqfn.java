package dev.atmo.directive;

import java.util.Optional;

/**
 * A fully-qualified function name, {@code identifier#namespace::name@version}: how a Runnable is known at
 * run time, in {@code fn:} references, in bundle entry names and in headless URLs. Parts that a reference
 * leaves out are empty strings, except the namespace, which defaults to {@value #DEFAULT_NAMESPACE}.
 */
public record Fqfn(String identifier, String namespace, String name, String version) {

    /** The namespace of a Runnable that names none. */
    public static final String DEFAULT_NAMESPACE = "default";

    public Fqfn {
        identifier = Copy.text(identifier);
        namespace = Copy.text(namespace);
        name = Copy.text(name);
        version = Copy.text(version);
    }

    /**
     * Parses a reference the way Atmo does: text before the first {@code #} is the identifier, text before
     * the next {@code ::} the namespace, and text after the next {@code @} the version. So {@code hello},
     * {@code ns::hello} and {@code com.x#ns::hello@v1.0.0} are all references.
     */
    public static Fqfn parse(String reference) {
        String rest = Copy.text(reference);
        String identifier = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            identifier = rest.substring(0, hash);
            rest = rest.substring(hash + 1);
        }
        String namespace = DEFAULT_NAMESPACE;
        int colons = rest.indexOf("::");
        if (colons >= 0) {
            namespace = rest.substring(0, colons);
            rest = rest.substring(colons + 2);
        }
        String version = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            version = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        return new Fqfn(identifier, namespace, rest, version);
    }

    /**
     * The reverse of {@link #headlessPath()}: one leading {@code /} is dropped and exactly four segments must
     * remain, otherwise the path is not an FQFN.
     */
    public static Optional<Fqfn> fromHeadlessPath(String path) {
        String trimmed = Copy.text(path);
        if (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        String[] parts = trimmed.split("/", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        return Optional.of(new Fqfn(parts[0], parts[1], parts[2], parts[3]));
    }

    /** The URL path of this Runnable in headless mode: {@code /identifier/namespace/name/version}. */
    public String headlessPath() {
        return "/" + identifier + "/" + namespace + "/" + name + "/" + version;
    }

    /** Whether every part is present, as in an FQFN computed for a Runnable. */
    public boolean isComplete() {
        return !identifier.isEmpty() && !namespace.isEmpty() && !name.isEmpty() && !version.isEmpty();
    }

    @Override
    public String toString() {
        return identifier + "#" + namespace + "::" + name + "@" + version;
    }
}
