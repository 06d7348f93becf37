package dev.atmo.wasm.abi;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The two generations of the Suborbital Runnable ABI and everything in which they differ. {@link #A} is reactr
 * v0.11/v0.12 (Atmo v0.3.x), {@link #B} is reactr v0.13 and later (Atmo v0.4.x); they share signatures but
 * differ in method numbering, error reporting, header spelling and field reads. The host functions ask the
 * generation instead of testing for it, so each states a failure once ({@link Invocation#fail}).
 */
public enum AbiVersion {
    /** Failures are negative codes; request headers arrive in Go's canonical spelling. */
    A(Map.of(1, "GET", 2, "POST", 3, "PATCH", 4, "DELETE"), HeaderSpelling.CANONICAL,
            "failed to execute Wasm Runnable: failed to wasmRun: ") {
        @Override
        int fail(Invocation invocation, int code, String text) {
            return code;
        }

        @Override
        long getField(Invocation invocation, int type, String key) {
            return RequestImports.getFieldA(invocation, type, key);
        }
    },
    /** Failures travel as text in the FFI slot; request headers arrive in lower case. */
    B(Map.of(0, "GET", 1, "HEAD", 2, "OPTIONS", 3, "POST", 4, "PUT", 5, "PATCH", 6, "DELETE"),
            HeaderSpelling.LOWER_CASE, "wasm execution error: failed to wasmFunc: ") {
        @Override
        int fail(Invocation invocation, int code, String text) {
            return invocation.failWithText(text);
        }

        @Override
        long getField(Invocation invocation, int type, String key) {
            return RequestImports.getFieldB(invocation, type, key);
        }
    };

    /**
     * The export by which a module states that it speaks generation B (modules built with Atmo's own SDKs
     * export it): such a module is B whatever the Directive or the command line say, so its meaning never
     * changes with {@code atmoVersion}.
     */
    public static final String B_MARKER_EXPORT = "atmo_abi_b";

    /** How the names of the request headers a guest reads are spelled. */
    public enum HeaderSpelling {
        /** Go's {@code CanonicalMIMEHeaderKey}: {@code Content-Type}. */
        CANONICAL,
        /** {@code content-type}. */
        LOWER_CASE
    }

    private final Map<Integer, String> httpMethods;
    private final HeaderSpelling headerSpelling;
    private final String trapPrefix;

    AbiVersion(Map<Integer, String> httpMethods, HeaderSpelling headerSpelling, String trapPrefix) {
        this.httpMethods = httpMethods;
        this.headerSpelling = headerSpelling;
        this.trapPrefix = trapPrefix;
    }

    public static AbiVersion parse(String text) {
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "A" -> A;
            case "B" -> B;
            default -> throw new IllegalArgumentException("unknown ABI generation '" + text + "', expected A or B");
        };
    }

    /** How the request headers handed to a guest of this generation are spelled. */
    public HeaderSpelling headerSpelling() {
        return headerSpelling;
    }

    /** What a trap's message starts with, as the original host of this generation worded it. */
    public String trapPrefix() {
        return trapPrefix;
    }

    /** The HTTP method {@code fetch_url} numbers {@code number}; empty when the generation has none so numbered. */
    Optional<String> httpMethod(int number) {
        return Optional.ofNullable(httpMethods.get(number));
    }

    /** A host function's failure: the negative {@code code} in A, the {@code text} handed over in the slot in B. */
    abstract int fail(Invocation invocation, int code, String text);

    /** {@code request_get_field} after the slot and the key were read: each generation answers it its own way. */
    abstract long getField(Invocation invocation, int type, String key);
}
