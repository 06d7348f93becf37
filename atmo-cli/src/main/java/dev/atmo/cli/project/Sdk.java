package dev.atmo.cli.project;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The SDK sources that {@code atmo new} copies into projects: for each language, the library (vendored into
 * {@code .atmo/sdk/<lang>/}) and its {@code template/} (the files of a new Runnable). They ship inside the
 * jar under {@code atmo-sdk/}; {@code ATMO_SDK_DIR} points at another copy (an SDK checkout being worked on).
 */
public final class Sdk {
    /** The environment variable naming a directory laid out like the repository's {@code sdk/}. */
    public static final String DIR_VARIABLE = "ATMO_SDK_DIR";
    static final String TEMPLATE = "template";
    private static final String RESOURCE_ROOT = "atmo-sdk";

    private final Path root;
    private final String origin;

    private Sdk(Path root, String origin) {
        this.root = root;
        this.origin = origin;
    }

    /** The SDK of {@code ATMO_SDK_DIR} when set, otherwise the one packaged with this program. */
    public static Sdk locate(Map<String, String> environment) {
        String dir = environment.getOrDefault(DIR_VARIABLE, "");
        if (!dir.isBlank()) {
            Path path = Path.of(dir);
            if (!Files.isDirectory(path)) {
                throw new ProjectException(DIR_VARIABLE + "=" + dir + " is not a directory");
            }
            return new Sdk(path, DIR_VARIABLE + "=" + dir);
        }
        return packaged();
    }

    /** The SDK packaged beside this class: {@code atmo-sdk/} in the jar or in the classes directory. */
    static Sdk packaged() {
        try {
            Path location = Path.of(Sdk.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return new Sdk(location.resolve(RESOURCE_ROOT), location.toString());
            }
            FileSystem jar = FileSystems.newFileSystem(location);
            return new Sdk(jar.getPath("/" + RESOURCE_ROOT), location.toString());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new ProjectException("cannot open the SDKs packaged with atmo: " + e.getMessage(), e);
        }
    }

    /** The files of a new Runnable, by path relative to the template folder. */
    public Map<String, byte[]> template(Language language) {
        return files(language, true);
    }

    /** The SDK library without its template, by path relative to the language's folder. */
    public Map<String, byte[]> library(Language language) {
        return files(language, false);
    }

    private Map<String, byte[]> files(Language language, boolean template) {
        Path dir = root.resolve(language.id());
        Path base = template ? dir.resolve(TEMPLATE) : dir;
        if (!Files.isDirectory(base)) {
            throw new ProjectException("no " + language.id() + " SDK" + (template ? " template" : "") + " in "
                    + origin + " (looked for " + base + ")");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = base.relativize(file).toString();
                if (!template && (relative.equals(TEMPLATE) || relative.startsWith(TEMPLATE + "/"))) {
                    continue;
                }
                files.put(relative, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new ProjectException("cannot read the " + language.id() + " SDK in " + origin + ": "
                    + e.getMessage(), e);
        }
        return files;
    }
}
