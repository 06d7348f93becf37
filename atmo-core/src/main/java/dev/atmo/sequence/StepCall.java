package dev.atmo.sequence;

import dev.atmo.request.JobRequest;
import java.util.Map;

/**
 * One Runnable call a step makes: which Runnable ({@code fn} as written in the Directive), the request it
 * serves, the state it may see (the full state, or only the {@code with} aliases), and when it became ready to
 * run, a {@link System#nanoTime()} reading: the request's arrival for its first step, the end of the previous step
 * for later ones. The call's pool wait and deadline count from then.
 */
public record StepCall(String fn, JobRequest request, Map<String, byte[]> state, long readySince) {

    /** A call ready now. */
    public StepCall(String fn, JobRequest request, Map<String, byte[]> state) {
        this(fn, request, state, System.nanoTime());
    }
}
