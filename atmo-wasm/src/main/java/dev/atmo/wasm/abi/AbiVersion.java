package dev.atmo.wasm.abi;

import java.util.Set;

/**
 * The two generations of the Suborbital Runnable ABI. {@link #A} is reactr v0.11/v0.12 (Atmo v0.3.x),
 * {@link #B} is reactr v0.13 and later (Atmo v0.4.x); they share signatures but differ in method numbering,
 * error reporting and initialisation.
 */
public enum AbiVersion {
    A,
    B;

    /** Imports that only the second generation provides: a module using one is B whatever it is configured as. */
    public static final Set<String> B_ONLY_IMPORTS = Set.of("add_ffi_var", "db_exec", "request_set_field");

    /**
     * The export by which a module states that it speaks generation B (modules built with Atmo's own SDKs
     * export it): such a module is B whatever the Directive or the command line say, so its meaning never
     * changes with {@code atmoVersion}.
     */
    public static final String B_MARKER_EXPORT = "atmo_abi_b";

    public static AbiVersion parse(String text) {
        return switch (text.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "A" -> A;
            case "B" -> B;
            default -> throw new IllegalArgumentException("unknown ABI generation '" + text + "', expected A or B");
        };
    }
}
