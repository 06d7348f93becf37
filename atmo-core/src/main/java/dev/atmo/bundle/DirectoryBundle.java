package dev.atmo.bundle;

import dev.atmo.directive.DirectiveException;
import dev.atmo.directive.DirectiveLoader;
import dev.atmo.directive.Mark;
import dev.atmo.directive.Problem;
import dev.atmo.directive.RunnableDecl;
import dev.atmo.directive.RunnableLoadResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a bundle laid out in a directory: either an unpacked zip ({@code Directive.yaml}, root
 * {@code *.wasm}, {@code static/}) or a subo project, where each direct sub-directory holding a
 * {@code .runnable.yaml} is a Runnable whose module is {@code <dir>/<name>.wasm}.
 */
final class DirectoryBundle {
    private static final List<String> RUNNABLE_FILES = List.of(".runnable.yaml", ".runnable.yml");

    private final Path dir;
    private final String source;
    private final BundleReader limits;
    private final Budget budget;
    private final List<ModuleFile> modules = new ArrayList<>();
    private final List<RunnableDecl> declared = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private int files;

    private DirectoryBundle(Path dir, BundleReader limits) {
        this.dir = dir;
        this.source = dir.toString();
        this.limits = limits;
        this.budget = new Budget(source, limits.maxEntryBytes(), limits.maxTotalBytes());
    }

    static BundleContents read(Path dir, BundleReader limits) {
        return new DirectoryBundle(dir, limits).read();
    }

    private BundleContents read() {
        Path directiveFile = dir.resolve(ZipBundle.DIRECTIVE);
        if (!Files.isRegularFile(directiveFile)) {
            throw BundleException.of(source, "bundle " + source + " is missing " + ZipBundle.DIRECTIVE);
        }
        try {
            byte[] directive = readFile(directiveFile);
            for (Path child : children(dir)) {
                if (Files.isRegularFile(child) && isWasm(child)) {
                    modules.add(new ModuleFile(name(child), readFile(child), Optional.empty(), Mark.of(child.toString())));
                } else if (Files.isDirectory(child) && !name(child).startsWith(".") && !name(child).equals("static")) {
                    runnableDirectory(child);
                }
            }
            return new BundleContents(source, directiveFile.toString(), directive, modules, declared,
                    StaticFiles.directory(dir.resolve("static"), limits.maxEntryBytes()), problems, warnings);
        } catch (IOException e) {
            throw BundleException.of(source, "cannot read bundle " + source + ": " + e.getMessage(), e);
        }
    }

    private void runnableDirectory(Path child) throws IOException {
        Optional<Path> runnableFile = RUNNABLE_FILES.stream().map(child::resolve).filter(Files::isRegularFile)
                .findFirst();
        if (runnableFile.isEmpty()) {
            return;
        }
        RunnableDecl runnable;
        try {
            RunnableLoadResult loaded = DirectiveLoader.loadRunnable(readFile(runnableFile.get()),
                    runnableFile.get().toString());
            warnings.addAll(loaded.warnings());
            runnable = loaded.runnable();
        } catch (DirectiveException e) {
            problems.addAll(e.problems());
            warnings.addAll(e.warnings());
            return;
        }
        if (runnable.name().isEmpty()) {
            runnable = runnable.withName(name(child));
        }
        declared.add(runnable);
        Optional<Path> wasm = moduleOf(child, runnable.name());
        if (wasm.isPresent()) {
            String entryName = name(child) + "/" + name(wasm.get());
            modules.add(new ModuleFile(entryName, readFile(wasm.get()), Optional.of(runnable),
                    Mark.of(wasm.get().toString())));
        }
    }

    /** {@code <name>.wasm} as subo builds it, or else the directory's only {@code .wasm}. */
    private Optional<Path> moduleOf(Path child, String runnableName) throws IOException {
        Path expected = child.resolve(runnableName + ".wasm");
        if (Files.isRegularFile(expected)) {
            return Optional.of(expected);
        }
        List<Path> wasm = children(child).stream().filter(p -> Files.isRegularFile(p) && isWasm(p)).toList();
        return wasm.size() == 1 ? Optional.of(wasm.getFirst()) : Optional.empty();
    }

    private List<Path> children(Path directory) throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            List<Path> children = listing.sorted().toList();
            files += children.size();
            if (files > limits.maxEntries()) {
                throw BundleException.of(source, "bundle " + source + " has more than the limit of "
                        + limits.maxEntries() + " entries (maxEntries)");
            }
            return children;
        }
    }

    private byte[] readFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return budget.read(in, dir.relativize(file).toString());
        }
    }

    private static boolean isWasm(Path file) {
        return name(file).endsWith(".wasm");
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
