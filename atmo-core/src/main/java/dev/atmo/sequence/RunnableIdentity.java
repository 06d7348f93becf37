package dev.atmo.sequence;

/** The Runnable a step's {@code fn} resolves to: its name and its fully qualified function name. */
public record RunnableIdentity(String name, String fqfn) {
}
