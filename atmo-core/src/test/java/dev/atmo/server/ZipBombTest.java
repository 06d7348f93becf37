package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.bundle.BundleException;
import dev.atmo.testing.RepositoryRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle zip whose entries declare more than the bundle limits is refused from its directory, before
 * anything is inflated; an entry that inflates past the size it declares is stopped there.
 */
class ZipBombTest {
    private static final String DIRECTIVE = """
            identifier: com.example.bomb
            appVersion: v0.1.0
            atmoVersion: v0.3.0
            runnables:
              - name: echo-wat
                namespace: default
            handlers:
              - type: request
                method: POST
                resource: /echo
                steps:
                  - fn: echo-wat
            """;

    /** A zip of the Directive, the echo module and six small static files, whose directory says each is {@code declared} bytes. */
    private static Path bundle(Path dir, long declared) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("Directive.yaml"));
            zip.write(DIRECTIVE.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("echo-wat.wasm"));
            zip.write(Files.readAllBytes(RepositoryRoot.resolve("testdata/runnables/wasm/echo-wat.wasm")));
            for (char name = 'a'; name <= 'f'; name++) {
                zip.putNextEntry(new ZipEntry("static/" + name));
                zip.write("z".repeat(1024).getBytes(StandardCharsets.UTF_8));
            }
        }
        ByteBuffer zip = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + 46 < zip.limit(); at++) {
            if (zip.getInt(at) == 0x02014b50) {
                int nameLength = Short.toUnsignedInt(zip.getShort(at + 28));
                String name = new String(zip.array(), at + 46, nameLength, StandardCharsets.UTF_8);
                if (name.startsWith("static/")) {
                    zip.putInt(at + 24, (int) declared);
                }
            }
        }
        Path path = dir.resolve("runnables.wasm.zip");
        Files.write(path, zip.array());
        return path;
    }

    private static ServerOptions options(Path zip) {
        return ServerOptions.builder().bundle(zip).host("127.0.0.1").port(0).runSchedules(false).build();
    }

    @Test
    void entriesDeclaringMoreThanTheTotalLimitAreRefusedBeforeInflating(@TempDir Path dir) throws IOException {
        Path zip = bundle(dir, 200L * 1024 * 1024);
        assertThatThrownBy(() -> AtmoServer.start(options(zip)).close())
                .isInstanceOf(BundleException.class)
                .hasMessage("bundle " + zip + " holds more than the limit of 1073741824 bytes in total"
                        + " (maxTotalBytes), passed at entry static/f");
    }

    @Test
    void anEntryDeclaringMoreThanTheEntryLimitIsRefusedBeforeInflating(@TempDir Path dir) throws IOException {
        Path zip = bundle(dir, 300L * 1024 * 1024);
        assertThatThrownBy(() -> AtmoServer.start(options(zip)).close())
                .isInstanceOf(BundleException.class)
                .hasMessage("bundle " + zip + " entry static/a is larger than the limit of 268435456 bytes"
                        + " (maxEntryBytes)");
    }

    @Test
    void anEntryInflatingPastItsDeclaredSizeIsStopped(@TempDir Path dir) throws IOException {
        Path zip = bundle(dir, 100);
        assertThatThrownBy(() -> AtmoServer.start(options(zip)).close())
                .isInstanceOf(BundleException.class)
                .hasMessage("bundle " + zip + " entry static/a inflates to more than the 100 bytes it declares");
    }

    @Test
    void anHonestBundleStillServes(@TempDir Path dir) throws IOException {
        Path zip = bundle(dir, 1024);
        AtmoServer server = AtmoServer.start(options(zip));
        try {
            assertThat(TestServers.send(server, "POST", "/echo", "hi").body()).isEqualTo("hi");
        } finally {
            server.close();
        }
    }
}
