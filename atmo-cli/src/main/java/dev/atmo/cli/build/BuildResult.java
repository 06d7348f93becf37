package dev.atmo.cli.build;

import dev.atmo.cli.project.RunnableFolder;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of building one Runnable: how it went, how long it took, and for a failure the toolchain's own
 * output and, when the cause is a known one, how to fix it.
 */
public record BuildResult(RunnableFolder runnable, Outcome outcome, Duration took, String output,
        Optional<String> hint) {

    /** How a build ended. */
    public enum Outcome {
        BUILT, FAILED, TOOLCHAIN_MISSING
    }

    public boolean ok() {
        return outcome == Outcome.BUILT;
    }

    /** {@code building hello (rust)... ok 2.3 s}, or {@code failed} / {@code toolchain missing}. */
    public String summary() {
        String verdict = switch (outcome) {
            case BUILT -> "ok";
            case FAILED -> "failed";
            case TOOLCHAIN_MISSING -> "toolchain missing";
        };
        String time = outcome == Outcome.TOOLCHAIN_MISSING ? ""
                : String.format(Locale.ROOT, " %.1f s", took.toMillis() / 1000.0);
        return "building " + runnable.label() + "... " + verdict + time;
    }

    /** The summary, then for a failure the output and the hint, as {@code atmo build} prints them. */
    public String report() {
        StringBuilder out = new StringBuilder(summary()).append('\n');
        if (!ok()) {
            if (!output.isEmpty()) {
                out.append(output);
                if (!output.endsWith("\n")) {
                    out.append('\n');
                }
            }
            hint.ifPresent(h -> out.append("hint: ").append(h).append('\n'));
        }
        return out.toString();
    }
}
