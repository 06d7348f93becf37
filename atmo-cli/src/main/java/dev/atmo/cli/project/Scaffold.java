package dev.atmo.cli.project;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes new projects and new Runnables from the SDK templates. A Runnable folder gets every template file with
 * {@code {{name}}} and {@code {{crate}}} filled in; the project gets the SDK library under {@code .atmo/sdk/}
 * so it builds without the network. Everything that can be refused is checked before anything is written.
 */
public final class Scaffold {
    /** The {@code atmoVersion} of new projects: the Runnable ABI generation B of SPEC §8.8. */
    public static final String ATMO_VERSION = "v0.5.0";
    static final String VENDOR_DIR = ".atmo/sdk";

    private final Sdk sdk;

    public Scaffold(Sdk sdk) {
        this.sdk = sdk;
    }

    /**
     * Creates a project with one Runnable behind {@code POST /<runnable>}.
     *
     * @throws ProjectException when {@code dir} is not empty, the name is invalid or there is no SDK for the language
     */
    public RunnableFolder newProject(Path dir, Language language, String runnable) {
        RunnableName.check(runnable);
        if (Files.exists(dir) && !isEmptyDirectory(dir)) {
            throw new ProjectException(dir + " is not empty; atmo new project creates a new project in an empty or "
                    + "missing directory");
        }
        Map<String, byte[]> template = sdk.template(language);
        Map<String, byte[]> library = sdk.library(language);
        String app = identifierPart(dir.toAbsolutePath().normalize().getFileName());
        write(dir.resolve("Directive.yaml"), directive(app, runnable));
        write(dir.resolve(".gitignore"), "target/\nnode_modules/\n*.wasm.zip\n");
        write(dir.resolve("README.md"), readme(app, runnable, language));
        vendor(dir, language, library);
        return writeRunnable(dir, runnable, language, template);
    }

    /**
     * Adds a Runnable folder to a project (and the language's SDK when the project has none yet).
     *
     * @throws ProjectException when the name is invalid, the folder exists or there is no SDK for the language
     */
    public RunnableFolder addRunnable(Path project, String name, Language language) {
        checkNewRunnable(project, name);
        Map<String, byte[]> template = sdk.template(language);
        if (!Files.isDirectory(vendored(project, language))) {
            vendor(project, language, sdk.library(language));
        }
        return writeRunnable(project, name, language, template);
    }

    /** Refuses an invalid name, a project without Directive.yaml and an existing folder. */
    public static void checkNewRunnable(Path project, String name) {
        RunnableName.check(name);
        if (!Files.isRegularFile(project.resolve("Directive.yaml"))) {
            throw new ProjectException(project.toAbsolutePath().normalize() + " has no Directive.yaml; run atmo new "
                    + "runnable inside a project (see atmo new project) or give it with --dir");
        }
        Path folder = project.resolve(name).normalize();
        if (Files.exists(folder)) {
            throw new ProjectException(folder + " already exists; choose another name");
        }
    }

    /** The SDK copy of a project, {@code .atmo/sdk/<lang>}. */
    public static Path vendored(Path project, Language language) {
        return project.resolve(VENDOR_DIR).resolve(language.id());
    }

    private RunnableFolder writeRunnable(Path project, String name, Language language, Map<String, byte[]> template) {
        Path folder = project.resolve(name).normalize();
        boolean described = false;
        for (Map.Entry<String, byte[]> file : template.entrySet()) {
            String path = fill(file.getKey(), name);
            described |= path.equals(".runnable.yaml") || path.equals(".runnable.yml");
            write(folder.resolve(path), fill(file.getValue(), name));
        }
        if (!described) {
            write(folder.resolve(".runnable.yaml"), "name: " + name + "\nnamespace: default\nlang: " + language.id()
                    + "\n");
        }
        return new RunnableFolder(folder, name, language);
    }

    private static void vendor(Path project, Language language, Map<String, byte[]> library) {
        Path target = vendored(project, language);
        library.forEach((path, content) -> write(target.resolve(path), content));
    }

    private static String fill(String text, String name) {
        return text.replace("{{name}}", name).replace("{{crate}}", RunnableName.crate(name));
    }

    /** Fills text files; binary files (not UTF-8) are copied as they are. */
    private static byte[] fill(byte[] content, String name) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString();
            return fill(text, name).getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException binary) {
            return content;
        }
    }

    private static String directive(String app, String runnable) {
        return """
                # The application: which Runnable answers which request. Reference: docs/directive.md of Atmo.
                identifier: com.example.%s
                appVersion: v0.1.0
                atmoVersion: %s

                handlers:
                  - type: request
                    method: POST
                    resource: /%s
                    steps:
                      - fn: %s
                """.formatted(app, ATMO_VERSION, runnable, runnable);
    }

    private static String readme(String app, String runnable, Language language) {
        return """
                # %s

                An Atmo application. `Directive.yaml` routes `POST /%s` to the %s Runnable in `%s/`.

                ```sh
                atmo dev                      # build, serve on :8080, rebuild and reload on every change
                curl -d world localhost:8080/%s
                atmo new runnable other --lang %s --route POST /other
                atmo build --bundle           # build every Runnable and write runnables.wasm.zip
                atmo start runnables.wasm.zip
                ```

                `.atmo/sdk/` holds the Runnable SDKs this project builds with; keep it in version control.
                """.formatted(app, runnable, language.id(), runnable, runnable, language.id());
    }

    /** A directory name as part of a reverse-DNS identifier: lowercase letters, digits and '-'. */
    private static String identifierPart(Path name) {
        String raw = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        String cleaned = raw.replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return cleaned.isEmpty() ? "app" : cleaned;
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new ProjectException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            if (file.getFileName().toString().endsWith(".sh")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new ProjectException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
