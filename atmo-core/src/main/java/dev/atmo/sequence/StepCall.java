package dev.atmo.sequence;

import java.util.Map;

/**
 * One Runnable call a step makes: which Runnable ({@code fn} as written in the Directive), the request it
 * serves, and the state it may see (the full state, or only the {@code with} aliases).
 */
public record StepCall(String fn, JobRequest request, Map<String, byte[]> state) {
}
