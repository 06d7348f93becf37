package dev.atmo.cli.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Fingerprints a folder's sources: path, size and modification time of every file, skipping what toolchains
 * download or write ({@code target/}, {@code node_modules/}, hidden folders, built {@code .wasm} modules and the
 * lock files cargo and npm write), so that a build does not look like an edit and an edit saved during a build
 * is still seen.
 */
final class SourceWatcher {
    private static final Set<String> SKIPPED = Set.of("target", "node_modules");
    private static final Set<String> WRITTEN_BY_TOOLS = Set.of("Cargo.lock", "package-lock.json");

    private SourceWatcher() {
    }

    /** A text that changes whenever a source file is added, removed or modified. */
    static String fingerprint(Path folder) {
        if (!Files.exists(folder)) {
            return "absent";
        }
        StringBuilder out = new StringBuilder();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name = dir.getFileName().toString();
                    boolean skip = !dir.equals(folder) && (SKIPPED.contains(name) || name.startsWith("."));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".wasm") || WRITTEN_BY_TOOLS.contains(name)) {
                        return FileVisitResult.CONTINUE;
                    }
                    out.append(folder.relativize(file)).append(' ').append(attributes.size()).append(' ')
                            .append(attributes.lastModifiedTime().toMillis()).append('\n');
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    out.append(folder.relativize(file)).append(" unreadable\n");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "unreadable";
        }
        return out.toString();
    }
}
