package dev.atmo.directive;

import java.util.Objects;
import java.util.Optional;

/**
 * A Runnable as the Directive (or a {@code .runnable.yaml}) declares it. A missing namespace is
 * {@value Fqfn#DEFAULT_NAMESPACE}. {@code abi} is our extension: {@code A} or {@code B} forces the ABI
 * generation of this Runnable's module; the loader upper-cases valid values.
 */
public record RunnableDecl(String name, String namespace, String lang, String version, String apiVersion,
        String fqfn, Optional<String> abi, Mark mark) {

    public RunnableDecl {
        name = Copy.text(name);
        namespace = namespace == null || namespace.isEmpty() ? Fqfn.DEFAULT_NAMESPACE : namespace;
        lang = Copy.text(lang);
        version = Copy.text(version);
        apiVersion = Copy.text(apiVersion);
        fqfn = Copy.text(fqfn);
        abi = Objects.requireNonNullElse(abi, Optional.empty());
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
    }

    /** A Runnable known only by name, as when it is derived from a module file. */
    public static RunnableDecl named(String namespace, String name, Mark mark) {
        return new RunnableDecl(name, namespace, "", "", "", "", Optional.empty(), mark);
    }

    /** {@code namespace::name}, how Atmo's messages spell a Runnable. */
    public String namespacedName() {
        return namespace + "::" + name;
    }

    public RunnableDecl withName(String newName) {
        return new RunnableDecl(newName, namespace, lang, version, apiVersion, fqfn, abi, mark);
    }
}
