package dev.atmo.cli.project;

import java.nio.file.Path;

/**
 * One Runnable of a project: its folder (holding {@code .runnable.yaml}), its name and its language.
 * The build writes {@code <folder>/<name>.wasm}.
 */
public record RunnableFolder(Path folder, String name, Language language) {

    /** Where the build puts the module and where the bundle reader looks for it. */
    public Path module() {
        return folder.resolve(name + ".wasm");
    }

    /** {@code hello (rust)}, how progress lines name it. */
    public String label() {
        return name + " (" + language.id() + ")";
    }
}
