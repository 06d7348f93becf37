package dev.atmo.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files under a bundle's {@code static/}, as Runnables ask for them by name. Names are normalised as
 * Atmo does (a leading {@code static/}, then {@code /}, then {@code ./} is dropped); unlike Atmo, a name
 * with a {@code ..} segment or one that still starts at the root finds nothing, and a directory bundle
 * never serves a file whose real path (after symlinks) lies outside its {@code static/}.
 */
public final class StaticFiles {

    private interface Source {
        Optional<byte[]> read(String name);

        Set<String> names();
    }

    private static final StaticFiles EMPTY = new StaticFiles(new InMemory(Map.of()));

    private final Source source;

    private StaticFiles(Source source) {
        this.source = source;
    }

    public static StaticFiles empty() {
        return EMPTY;
    }

    /** Files held in memory, keyed by their name below {@code static/}. */
    public static StaticFiles of(Map<String, byte[]> files) {
        return new StaticFiles(new InMemory(new TreeMap<>(files)));
    }

    /** Files read on demand from a directory; files larger than {@code maxFileBytes} are refused. */
    public static StaticFiles directory(Path staticDir, long maxFileBytes) {
        if (!Files.isDirectory(staticDir)) {
            return EMPTY;
        }
        try {
            return new StaticFiles(new OnDisk(staticDir.toRealPath(), maxFileBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open static files at " + staticDir, e);
        }
    }

    /** The bytes of a static file, or empty when there is no such file or the name is refused. */
    public Optional<byte[]> get(String name) {
        return normalise(name).flatMap(source::read);
    }

    /** Every file name, relative to {@code static/}, with {@code /} separators. */
    public Set<String> names() {
        return source.names();
    }

    /** Atmo's lookup key for a name, or empty if the name tries to leave {@code static/}. */
    static Optional<String> normalise(String name) {
        String key = name == null ? "" : name;
        key = strip(key, "static/");
        key = strip(key, "/");
        key = strip(key, "./");
        if (key.isEmpty() || key.startsWith("/") || key.startsWith("\\") || key.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        for (String segment : key.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(key);
    }

    private static String strip(String text, String prefix) {
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    private record InMemory(Map<String, byte[]> files) implements Source {
        @Override
        public Optional<byte[]> read(String name) {
            return Optional.ofNullable(files.get(name)).map(byte[]::clone);
        }

        @Override
        public Set<String> names() {
            return Collections.unmodifiableSet(new TreeSet<>(files.keySet()));
        }
    }

    private record OnDisk(Path root, long maxFileBytes) implements Source {
        @Override
        public Optional<byte[]> read(String name) {
            return inside(root.resolve(name)).map(this::readCapped);
        }

        private byte[] readCapped(Path file) {
            try {
                long size = Files.size(file);
                if (size > maxFileBytes) {
                    throw BundleException.of(root.toString(), "static file " + root.relativize(file) + " has "
                            + size + " bytes, more than the limit of " + maxFileBytes + " (maxEntryBytes)");
                }
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read static file " + file, e);
            }
        }

        /** The real path of a regular file within the root, if that is what {@code candidate} is. */
        private Optional<Path> inside(Path candidate) {
            Path normal = candidate.normalize();
            if (!normal.startsWith(root)) {
                return Optional.empty();
            }
            try {
                Path real = normal.toRealPath();
                return real.startsWith(root) && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public Set<String> names() {
            Set<String> names = new TreeSet<>();
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> !p.equals(root) && inside(p).isPresent())
                        .forEach(p -> names.add(root.relativize(p).toString().replace('\\', '/')));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list static files in " + root, e);
            }
            return Collections.unmodifiableSet(names);
        }
    }
}
