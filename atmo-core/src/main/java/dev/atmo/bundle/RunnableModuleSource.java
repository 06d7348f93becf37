package dev.atmo.bundle;

import dev.atmo.directive.RunnableDecl;

/** The Wasm bytes of one Runnable, and the bundle entry (or file) they came from. */
public record RunnableModuleSource(RunnableDecl runnable, String entryName, byte[] wasm) {

    @Override
    public String toString() {
        return "RunnableModuleSource[runnable=" + runnable.namespacedName() + ", entryName=" + entryName
                + ", wasm=" + wasm.length + " bytes]";
    }
}
