package dev.atmo.directive;

import java.util.Map;

/**
 * What a step does when its Runnable returns an error: per error {@code code}, for {@code any} error
 * (only without codes), or for {@code other} codes (only with codes). Values are {@code continue} or
 * {@code return}; returning is always the default.
 */
public record OnErr(Map<Integer, String> code, String any, String other) {

    public static final String CONTINUE = "continue";
    public static final String RETURN = "return";

    private static final OnErr NONE = new OnErr(Map.of(), "", "");

    public OnErr {
        code = Copy.map(code);
        any = Copy.text(any);
        other = Copy.text(other);
    }

    /** The behaviour of a step that has no {@code onErr}: every error ends the sequence. */
    public static OnErr none() {
        return NONE;
    }

    /** Whether nothing was configured. */
    public boolean isNone() {
        return code.isEmpty() && any.isEmpty() && other.isEmpty();
    }

    /** Whether an error with this code lets the sequence continue. */
    public boolean continues(int errorCode) {
        if (!code.isEmpty()) {
            String forCode = code.get(errorCode);
            return forCode != null ? CONTINUE.equals(forCode) : CONTINUE.equals(other);
        }
        return CONTINUE.equals(any);
    }
}
