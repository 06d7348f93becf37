package dev.atmo.cli;

import static dev.atmo.cli.AtmoJarIT.atmo;
import static dev.atmo.cli.AtmoJarIT.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A start that cannot serve says what failed and what to change, in one line without a stack trace, and exits 1. */
class StartFailuresIT {

    @Test
    void aPortInUseNamesTheAddressAndTheOptionToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Process process = atmo("start", "--host", "127.0.0.1", "--port", String.valueOf(port), "examples/hello")
                    .redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String errors = errors(process);
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(errors).isEqualTo("atmo: not starting: cannot listen on 127.0.0.1:" + port + ": the port is"
                    + " already in use by another process; stop it, or choose another port with --port N"
                    + " (env ATMO_HTTP_PORT)\n");
        }
    }

    @Test
    void aMissingBundleSaysWhereItLookedAndHowToWait() throws Exception {
        Process process = atmo("start", "--port", String.valueOf(freePort()), "examples/helo")
                .redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String errors = errors(process);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(errors).isEqualTo("examples/helo: bundle examples/helo does not exist (looked for "
                + AtmoJarIT.ROOT.resolve("examples/helo") + "); give the path of a runnables.wasm.zip or of a bundle"
                + " directory holding Directive.yaml\n"
                + "atmo: not starting, examples/helo has 1 problem (start with --wait to wait for it to appear)\n");
    }

    @Test
    void aMissingTlsKeyNamesTheOption() throws Exception {
        Path cert = Files.createTempFile("atmo-cert", ".pem");
        Path key = cert.resolveSibling("no-such-key.pem");
        Process process = atmo("start", "--port", String.valueOf(freePort()), "--tls-cert", cert.toString(),
                "--tls-key", key.toString(), "examples/hello")
                .redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String errors = errors(process);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(errors).isEqualTo("atmo: --tls-key " + key + " (env ATMO_TLS_KEY): no such file\n");
    }

    @Test
    void aTlsKeyThatIsNotPemNamesBothOptions() throws Exception {
        Path cert = Files.writeString(Files.createTempFile("atmo-cert", ".pem"), "not a certificate\n");
        Path key = Files.writeString(Files.createTempFile("atmo-key", ".pem"), "not a key\n");
        Process process = atmo("start", "--host", "127.0.0.1", "--port", String.valueOf(freePort()),
                "--tls-cert", cert.toString(), "--tls-key", key.toString(), "examples/hello")
                .redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String errors = errors(process);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(errors).startsWith("atmo: not starting: cannot use TLS certificate " + cert + " with key " + key
                        + ": ")
                .endsWith("; --tls-cert (ATMO_TLS_CERT) and --tls-key (ATMO_TLS_KEY) must name readable PEM files\n")
                .doesNotContain("\tat ");
        assertThat(errors.lines()).hasSize(1);
    }

    @Test
    void anUnreachableNatsServerNamesTheDirectiveSetting() throws Exception {
        int natsPort = freePort();
        Path bundle = Files.createTempDirectory("atmo-nats-bundle");
        Files.copy(AtmoJarIT.ROOT.resolve("testdata/runnables/wasm/echo-wat.wasm"), bundle.resolve("echo.wasm"));
        Files.writeString(bundle.resolve("Directive.yaml"), """
                identifier: com.example.nats
                appVersion: v0.1.0
                atmoVersion: v0.5.0
                runnables:
                  - name: echo
                    namespace: default
                connections:
                  nats:
                    serverAddress: nats://127.0.0.1:%d
                handlers:
                  - type: stream
                    source: nats
                    resource: first-hour.nowhere
                    steps:
                      - fn: echo
                """.formatted(natsPort));
        Process process = atmo("start", "--host", "127.0.0.1", "--port", String.valueOf(freePort()), bundle.toString())
                .redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String errors = errors(process);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(errors).startsWith("atmo: not starting: cannot connect to NATS at nats://127.0.0.1:" + natsPort
                        + " (tried for 10 s): ")
                .endsWith("; start nats-server there, or point connections.nats.serverAddress in the Directive at a"
                        + " running one\n")
                .doesNotContain("\tat ");
        assertThat(errors.lines()).hasSize(1);
    }

    private static String errors(Process process) throws Exception {
        process.getOutputStream().close();
        String errors = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        AtmoJarIT.run(process);
        return errors;
    }
}
