package dev.atmo.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code logger}, {@code request} and {@code database} capabilities turned off in the Directive, as a guest
 * served by a running server sees them; the same calls with the capabilities on are the control.
 */
class DisabledCapabilitiesServerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static Path bundle(Path dir, boolean enabled) {
        return TestBundle.write(dir, """
                connections:
                  database:
                    type: postgresql
                    connectionString: postgresql://postgres@127.0.0.1:5432/test?sslmode=disable
                queries:
                  - name: one
                    query: SELECT 1 AS one
                capabilities:
                  logger: {enabled: %1$s}
                  request: {enabled: %1$s}
                  database: {enabled: %1$s}
                """.formatted(enabled), "abi-a-rust", "abi-b-rust");
    }

    private static String call(AtmoServer server, String runnable, String commands) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/" + runnable))
                .POST(HttpRequest.BodyPublishers.ofString(commands)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Runs {@code commands} with standard error captured; returns the answer and what was written there. */
    private static String[] callCapturingStderr(AtmoServer server, String runnable, String commands) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return new String[] {call(server, runnable, commands), captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void withTheCapabilitiesOffTheGuestGetsNothingFromThem(@TempDir Path dir) throws Exception {
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(bundle(dir, false)).host("127.0.0.1")
                .port(0).build())) {
            String marker = "hidden-" + UUID.randomUUID();
            String[] a = callCapturingStderr(server, "abi-a-rust", "field 0 method\nlog 3 " + marker);
            // the request setting governs ABI B guests only, as documented: ABI A hosts had no such switch
            assertThat(a[0]).isEqualTo("rc=4 ffi=0 data=POST\nok");
            String[] b = callCapturingStderr(server, "abi-b-rust", "field 0 method\nlog 1 " + marker + "\ndb 1 one");
            assertThat(b[0]).isEqualTo("rc=-1\nok\nrc=-25 ffi=0 err=capability is not enabled");
            assertThat(a[1] + b[1]).doesNotContain(marker);
        }
    }

    @Test
    void withTheCapabilitiesOnTheSameCallsAnswer(@TempDir Path dir) throws Exception {
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(bundle(dir, true)).host("127.0.0.1")
                .port(0).build())) {
            String marker = "shown-" + UUID.randomUUID();
            String[] a = callCapturingStderr(server, "abi-a-rust", "field 0 method\nlog 3 " + marker);
            assertThat(a[0]).isEqualTo("rc=4 ffi=0 data=POST\nok");
            String[] b = callCapturingStderr(server, "abi-b-rust", "field 0 method\ndb 1 one");
            assertThat(b[0]).isEqualTo("rc=4 ffi=0 data=POST\nrc=11 ffi=0 data=[{\"one\":1}]");
            assertThat(a[1]).contains(marker);
        }
    }
}
