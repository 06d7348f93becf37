package dev.atmo.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds bundles for tests. */
final class TestBundles {
    /** The smallest valid module: magic and version. Reading a bundle never parses it. */
    static final byte[] WASM = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    static final String DIRECTIVE = """
            identifier: com.x
            appVersion: v0.1.0
            atmoVersion: v0.3.0
            runnables:
              - name: hello
                namespace: default
              - name: world
                namespace: default
            handlers:
              - type: request
                method: POST
                resource: /hello
                steps:
                  - fn: hello
                  - fn: world
            """;

    private TestBundles() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    static Map<String, byte[]> entries(Object... nameThenContent) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Object content = nameThenContent[i + 1];
            entries.put((String) nameThenContent[i], content instanceof String s ? utf8(s) : (byte[]) content);
        }
        return entries;
    }

    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    static Path write(Path dir, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        return dir;
    }
}
