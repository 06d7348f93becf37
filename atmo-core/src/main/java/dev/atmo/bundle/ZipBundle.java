package dev.atmo.bundle;

import dev.atmo.directive.Mark;
import dev.atmo.directive.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a {@code runnables.wasm.zip}: entries are read by name into memory, never written to disk, and
 * only the entries that matter ({@code Directive.yaml}, modules, {@code static/}) are inflated.
 */
final class ZipBundle {
    static final String DIRECTIVE = "Directive.yaml";
    private static final String STATIC = "static/";

    private ZipBundle() {
    }

    static BundleContents read(Path path, BundleReader limits) {
        String source = path.toString();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            if (zip.size() > limits.maxEntries()) {
                throw tooManyEntries(source, limits);
            }
            return read(zip, source, limits);
        } catch (ZipException e) {
            throw BundleException.of(source, "bundle " + source + " is not a valid zip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw BundleException.of(source, "cannot read bundle " + source + ": " + e.getMessage(), e);
        }
    }

    private static BundleException tooManyEntries(String source, BundleReader limits) {
        return BundleException.of(source, "bundle " + source + " has more than the limit of "
                + limits.maxEntries() + " entries (maxEntries)");
    }

    private static BundleContents read(ZipFile zip, String source, BundleReader limits) throws IOException {
        Budget budget = new Budget(source, limits.maxEntryBytes(), limits.maxTotalBytes());
        Enumeration<? extends ZipEntry> listed = zip.entries();
        while (listed.hasMoreElements()) {
            ZipEntry entry = listed.nextElement();
            if (!entry.isDirectory() && inflated(entry.getName())) {
                budget.declare(entry.getSize(), entry.getName());
            }
        }
        byte[] directive = null;
        List<ModuleFile> modules = new ArrayList<>();
        Map<String, byte[]> statics = new LinkedHashMap<>();
        List<Problem> warnings = new ArrayList<>();
        int count = 0;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (++count > limits.maxEntries()) {
                throw tooManyEntries(source, limits);
            }
            String name = entry.getName();
            if (entry.isDirectory()) {
                continue;
            }
            if (name.equals(DIRECTIVE)) {
                if (directive != null) {
                    warnings.add(new Problem(Mark.of(source), "bundle has more than one " + DIRECTIVE
                            + " entry, the first one is used"));
                    continue;
                }
                directive = inflate(zip, entry, budget);
            } else if (name.startsWith(STATIC)) {
                if (name.length() > STATIC.length()) {
                    statics.putIfAbsent(name.substring(STATIC.length()), inflate(zip, entry, budget));
                }
            } else if (name.endsWith(".wasm")) {
                modules.add(new ModuleFile(name, inflate(zip, entry, budget), Optional.empty(), Mark.of(source)));
            }
        }
        if (directive == null) {
            throw BundleException.of(source, "bundle " + source + " is missing " + DIRECTIVE);
        }
        return new BundleContents(source, source + "!/" + DIRECTIVE, directive, modules, List.of(),
                StaticFiles.of(statics), List.of(), warnings);
    }

    /** The entries a bundle is made of; others are never inflated. */
    private static boolean inflated(String name) {
        return name.equals(DIRECTIVE) || name.startsWith(STATIC) || name.endsWith(".wasm");
    }

    private static byte[] inflate(ZipFile zip, ZipEntry entry, Budget budget) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return budget.read(in, entry.getName(), entry.getSize());
        } catch (ZipException e) {
            throw new ZipException("entry " + entry.getName() + " is corrupt: " + e.getMessage());
        }
    }
}
