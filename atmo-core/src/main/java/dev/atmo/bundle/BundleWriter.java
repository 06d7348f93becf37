package dev.atmo.bundle;

import dev.atmo.AtmoException;
import dev.atmo.directive.Fqfn;
import dev.atmo.directive.RunnableDecl;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packages a validated directory bundle as a {@code runnables.wasm.zip}: {@code Directive.yaml} first, then
 * every module ({@code <name>.wasm}, or {@code <namespace>/<name>.wasm} outside the default namespace), then
 * the static files under {@code static/}. A Directive that lets the Runnables be found from
 * {@code .runnable.yaml} files gets the list written into it, so the zip says the same on its own.
 */
public final class BundleWriter {
    private BundleWriter() {
    }

    /**
     * Reads (and so validates) {@code directory}, then writes the zip atomically to {@code output}.
     *
     * @throws BundleException listing every problem when the directory is not a valid bundle
     */
    public static Bundle write(Path directory, Path output) {
        if (!Files.isDirectory(directory)) {
            throw new AtmoException(directory + " is not a directory; atmo bundle packages a project directory");
        }
        Bundle bundle = BundleReader.defaults().read(directory);
        Path temporary = output.resolveSibling(output.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(temporary); ZipOutputStream zip = new ZipOutputStream(file)) {
            put(zip, "Directive.yaml", directive(directory, bundle));
            for (RunnableModuleSource module : bundle.modules().values()) {
                put(zip, entryName(module.runnable()), module.wasm());
            }
            for (String name : bundle.staticFiles().names()) {
                put(zip, "static/" + name, bundle.staticFiles().get(name).orElseThrow());
            }
        } catch (IOException e) {
            throw new AtmoException("cannot write " + output + ": " + e.getMessage(), e);
        }
        try {
            Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AtmoException("cannot write " + output + ": " + e.getMessage(), e);
        }
        return bundle;
    }

    static String entryName(RunnableDecl runnable) {
        String namespace = runnable.namespace();
        return Fqfn.DEFAULT_NAMESPACE.equals(namespace) ? runnable.name() + ".wasm"
                : namespace + "/" + runnable.name() + ".wasm";
    }

    private static byte[] directive(Path directory, Bundle bundle) throws IOException {
        String text = Files.readString(directory.resolve("Directive.yaml"), StandardCharsets.UTF_8);
        if (text.lines().anyMatch(line -> line.startsWith("runnables:"))) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(text);
        if (!text.endsWith("\n")) {
            out.append('\n');
        }
        out.append("\nrunnables:\n");
        for (RunnableDecl r : bundle.directive().runnables()) {
            out.append("  - name: ").append(quote(r.name())).append('\n');
            out.append("    namespace: ").append(quote(r.namespace())).append('\n');
            if (!r.lang().isEmpty()) {
                out.append("    lang: ").append(quote(r.lang())).append('\n');
            }
            if (!r.apiVersion().isEmpty()) {
                out.append("    apiVersion: ").append(quote(r.apiVersion())).append('\n');
            }
            r.abi().ifPresent(abi -> out.append("    abi: ").append(abi).append('\n'));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }
}
