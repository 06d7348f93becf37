package dev.atmo.cli.project;

import dev.atmo.directive.DirectiveException;
import dev.atmo.directive.DirectiveLoader;
import dev.atmo.directive.RunnableDecl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Runnables of a project: each direct sub-folder with a {@code .runnable.yaml} whose {@code lang}
 * one of our SDKs builds. Folders of other languages (built elsewhere) are left out, as are hidden ones.
 */
public final class ProjectLayout {
    private static final List<String> RUNNABLE_FILES = List.of(".runnable.yaml", ".runnable.yml");

    private ProjectLayout() {
    }

    /** A sub-folder with a {@code .runnable.yaml}, and the name it gives (or else the folder's). */
    private record Declared(Path folder, String name, String lang) {
    }

    /**
     * The buildable Runnables of {@code project}, ordered by folder name.
     *
     * @throws ProjectException when the folder is missing or a {@code .runnable.yaml} is unreadable
     */
    public static List<RunnableFolder> runnables(Path project) {
        if (!Files.isDirectory(project)) {
            throw new ProjectException(project + " is not a directory; give the project directory "
                    + "(the one holding Directive.yaml)");
        }
        List<RunnableFolder> found = new ArrayList<>();
        for (Declared d : declaredFolders(project)) {
            Language.find(d.lang())
                    .ifPresent(language -> found.add(new RunnableFolder(d.folder(), d.name(), language)));
        }
        return found;
    }

    /**
     * The names of every Runnable the project declares, whatever its language: folders with a
     * {@code .runnable.yaml} and modules at the top of the project.
     */
    public static List<String> declaredNames(Path project) {
        List<String> names = new ArrayList<>();
        for (Path child : children(project)) {
            String name = child.getFileName().toString();
            if (Files.isRegularFile(child) && name.endsWith(".wasm")) {
                names.add(name.substring(0, name.length() - ".wasm".length()));
            }
        }
        declaredFolders(project).forEach(d -> names.add(d.name()));
        names.sort(null);
        return names;
    }

    /**
     * The Runnables whose {@code lang} none of our SDKs builds (Go, Swift, Grain...), as {@code name (lang)}:
     * their modules are built elsewhere and used as they are.
     */
    public static List<String> builtElsewhere(Path project) {
        return declaredFolders(project).stream().filter(d -> Language.find(d.lang()).isEmpty())
                .map(d -> d.name() + " (" + (d.lang().isEmpty() ? "no lang" : d.lang()) + ")").toList();
    }

    /** The Runnable of one folder, when it has a {@code .runnable.yaml} with a language we build. */
    public static Optional<RunnableFolder> runnable(Path folder) {
        return declaredBy(folder).flatMap(d -> Language.find(d.lang())
                .map(language -> new RunnableFolder(folder, d.name(), language)));
    }

    private static List<Declared> declaredFolders(Path project) {
        List<Declared> found = new ArrayList<>();
        for (Path child : children(project)) {
            if (Files.isDirectory(child) && !child.getFileName().toString().startsWith(".")) {
                declaredBy(child).ifPresent(found::add);
            }
        }
        return found;
    }

    private static Optional<Declared> declaredBy(Path folder) {
        return declaration(folder).map(d -> new Declared(folder,
                d.name().isEmpty() ? folder.getFileName().toString() : d.name(), d.lang()));
    }

    private static List<Path> children(Path project) {
        try (Stream<Path> children = Files.list(project)) {
            return children.sorted().toList();
        } catch (IOException e) {
            throw new ProjectException("cannot list " + project + ": " + e.getMessage(), e);
        }
    }

    private static Optional<RunnableDecl> declaration(Path folder) {
        Optional<Path> file = RUNNABLE_FILES.stream().map(folder::resolve).filter(Files::isRegularFile).findFirst();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DirectiveLoader.loadRunnable(Files.readAllBytes(file.get()), file.get().toString())
                    .runnable());
        } catch (IOException e) {
            throw new ProjectException("cannot read " + file.get() + ": " + e.getMessage(), e);
        } catch (DirectiveException e) {
            throw new ProjectException(e.getMessage(), e);
        }
    }
}
