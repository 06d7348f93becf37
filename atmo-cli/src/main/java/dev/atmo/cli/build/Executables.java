package dev.atmo.cli.build;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds programs the way a shell does, on the {@code PATH} of the given environment. */
final class Executables {
    private final Map<String, String> environment;

    Executables(Map<String, String> environment) {
        this.environment = environment;
    }

    Optional<Path> onPath(String name) {
        for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The program named by environment variable {@code variable} when set; else {@code preferred} when it exists;
     * else {@code name} on the PATH.
     */
    Optional<Path> find(String variable, Path preferred, String name) {
        String given = environment.getOrDefault(variable, "");
        if (!given.isBlank()) {
            Path path = Path.of(given);
            if (path.getNameCount() == 1 && !given.contains("/")) {
                return onPath(given);
            }
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        if (Files.isExecutable(preferred)) {
            return Optional.of(preferred);
        }
        return onPath(name);
    }

    String describe(String variable, String name) {
        String given = environment.getOrDefault(variable, "");
        return given.isBlank() ? name + " not found on PATH" : name + " not found at " + variable + "=" + given;
    }
}
