package dev.atmo.bundle;

import dev.atmo.directive.Mark;
import dev.atmo.directive.RunnableDecl;
import java.util.Objects;

/**
 * The Wasm bytes of one Runnable, the bundle entry (or file) they came from, and the mark problems with the
 * module are reported at.
 */
public record RunnableModuleSource(RunnableDecl runnable, String entryName, byte[] wasm, Mark mark) {

    public RunnableModuleSource {
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
    }

    @Override
    public String toString() {
        return "RunnableModuleSource[runnable=" + runnable.namespacedName() + ", entryName=" + entryName
                + ", wasm=" + wasm.length + " bytes]";
    }
}
