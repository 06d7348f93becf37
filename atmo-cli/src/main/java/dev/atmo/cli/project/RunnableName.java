package dev.atmo.cli.project;

import java.util.regex.Pattern;

/** Checks Runnable names: lowercase letters, digits and {@code -}, starting with a letter. */
public final class RunnableName {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]*");

    private RunnableName() {
    }

    /**
     * Returns {@code name} when it is a valid Runnable name.
     *
     * @throws UsageException saying which characters are allowed
     */
    public static String check(String name) {
        if (!VALID.matcher(name).matches() || name.endsWith("-")) {
            throw new UsageException("invalid Runnable name '" + name + "': use lowercase letters, digits and '-', "
                    + "starting with a letter and not ending with '-' (for example hello-world)");
        }
        return name;
    }

    /** The name as a Rust crate or C identifier: {@code -} becomes {@code _}. */
    public static String crate(String name) {
        return name.replace('-', '_');
    }
}
