package dev.atmo.bundle;

import dev.atmo.directive.DirectiveException;
import dev.atmo.directive.DirectiveLoader;
import dev.atmo.directive.DirectiveValidator;
import dev.atmo.directive.LoadResult;
import dev.atmo.directive.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a bundle (a {@code runnables.wasm.zip} or a directory), matches its modules to the Directive's
 * Runnables and validates the whole. Everything wrong is reported at once in one {@link BundleException};
 * a bundle that is returned is ready to run. Limits guard against hostile zips: entries are counted and
 * inflated bytes are measured as they are read.
 */
public final class BundleReader {
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    public static final long DEFAULT_MAX_ENTRY_BYTES = 256L * 1024 * 1024;
    public static final long DEFAULT_MAX_TOTAL_BYTES = 1024L * 1024 * 1024;

    private final int maxEntries;
    private final long maxEntryBytes;
    private final long maxTotalBytes;

    private BundleReader(Builder builder) {
        this.maxEntries = builder.maxEntries;
        this.maxEntryBytes = builder.maxEntryBytes;
        this.maxTotalBytes = builder.maxTotalBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A reader with the default limits. */
    public static BundleReader defaults() {
        return builder().build();
    }

    public int maxEntries() {
        return maxEntries;
    }

    public long maxEntryBytes() {
        return maxEntryBytes;
    }

    public long maxTotalBytes() {
        return maxTotalBytes;
    }

    /** Reads, matches and validates the bundle at {@code path}, a zip file or a directory. */
    public Bundle read(Path path) {
        String source = path.toString();
        if (!Files.exists(path)) {
            throw BundleException.of(source, "bundle " + source + " does not exist (looked for "
                    + path.toAbsolutePath().normalize() + "); give the path of a runnables.wasm.zip or of a bundle"
                    + " directory holding Directive.yaml");
        }
        BundleContents contents = Files.isDirectory(path) ? DirectoryBundle.read(path, this) : ZipBundle.read(path, this);
        List<Problem> problems = new ArrayList<>(contents.problems());
        List<Problem> warnings = new ArrayList<>(contents.warnings());
        LoadResult loaded;
        try {
            loaded = DirectiveLoader.load(contents.directiveYaml(), contents.directiveName());
        } catch (DirectiveException e) {
            problems.addAll(e.problems());
            warnings.addAll(e.warnings());
            throw failure(source, problems, warnings);
        }
        warnings.addAll(loaded.warnings());
        ModuleMatcher.Result matched = ModuleMatcher.match(loaded.directive(), contents);
        problems.addAll(DirectiveValidator.validate(matched.directive()));
        problems.addAll(matched.problems());
        if (!problems.isEmpty()) {
            throw failure(source, problems, warnings);
        }
        return new Bundle(source, matched.directive(), matched.modules(), contents.staticFiles(), warnings);
    }

    private static BundleException failure(String source, List<Problem> problems, List<Problem> warnings) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Problem.BY_POSITION);
        return new BundleException(source, sorted, warnings);
    }

    /** Limits for reading bundles; each must be positive. */
    public static final class Builder {
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private long maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES;
        private long maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES;

        private Builder() {
        }

        /** How many entries a zip (or files a directory) may hold; default 10,000. */
        public Builder maxEntries(int value) {
            this.maxEntries = positive(value, "maxEntries");
            return this;
        }

        /** How many bytes one entry may inflate to; default 256 MiB. */
        public Builder maxEntryBytes(long value) {
            this.maxEntryBytes = positive(value, "maxEntryBytes");
            return this;
        }

        /** How many bytes all entries read may inflate to together; default 1 GiB. */
        public Builder maxTotalBytes(long value) {
            this.maxTotalBytes = positive(value, "maxTotalBytes");
            return this;
        }

        public BundleReader build() {
            return new BundleReader(this);
        }

        private static <T extends Number> T positive(T value, String name) {
            if (value.longValue() <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
