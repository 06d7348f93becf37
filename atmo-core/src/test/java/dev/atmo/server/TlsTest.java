package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.AtmoException;
import dev.atmo.http.TlsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    static TlsFiles selfSigned(Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
                .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).isZero();
        return new TlsFiles(cert, key);
    }

    static HttpClient trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("atmo", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_2).build();
    }

    @Test
    void servesHttpsWithHttp2AndHttp1(@TempDir Path dir) throws Exception {
        TlsFiles tls = selfSigned(dir);
        try (AtmoServer server = AtmoServer.start(TestServers.options("examples/hello").tls(Optional.of(tls)).build())) {
            HttpClient client = trusting(tls.certificate());
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/hello"))
                    .POST(HttpRequest.BodyPublishers.ofString("tls")).build();
            HttpResponse<String> h2 = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(h2.statusCode()).isEqualTo(200);
            assertThat(h2.body()).isEqualTo("hello tls");
            assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);

            HttpRequest http1 = HttpRequest.newBuilder(request.uri()).version(HttpClient.Version.HTTP_1_1)
                    .POST(HttpRequest.BodyPublishers.ofString("one")).build();
            HttpResponse<String> h1 = client.send(http1, HttpResponse.BodyHandlers.ofString());
            assertThat(h1.body()).isEqualTo("hello one");
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void aKeyThatIsNotPemIsAStartUpErrorNamingBothFiles(@TempDir Path dir) throws Exception {
        TlsFiles good = selfSigned(dir);
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key at all\n");
        assertThatThrownBy(() -> AtmoServer.start(TestServers.options("examples/hello")
                .tls(Optional.of(new TlsFiles(good.certificate(), garbage))).build()))
                .isInstanceOf(AtmoException.class)
                .hasMessageStartingWith("cannot use TLS certificate " + good.certificate() + " with key " + garbage + ": ")
                .hasMessageEndingWith("(the key must be PEM, PKCS#8)");
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsAStartUpError(@TempDir Path dir) throws Exception {
        TlsFiles first = selfSigned(Files.createDirectory(dir.resolve("first")));
        TlsFiles second = selfSigned(Files.createDirectory(dir.resolve("second")));
        assertThatThrownBy(() -> AtmoServer.start(TestServers.options("examples/hello")
                .tls(Optional.of(new TlsFiles(first.certificate(), second.privateKey()))).build()))
                .isInstanceOf(AtmoException.class)
                .hasMessage("TLS key " + second.privateKey() + " does not belong to certificate " + first.certificate()
                        + "; give the key the certificate was issued for");
    }

    @Test
    void plainHttpToTheTlsPortGetsNoAnswerAndHttpsStillWorks(@TempDir Path dir) throws Exception {
        TlsFiles tls = selfSigned(dir);
        try (AtmoServer server = AtmoServer.start(TestServers.options("examples/hello").tls(Optional.of(tls)).build())) {
            HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/hello"))
                    .POST(HttpRequest.BodyPublishers.ofString("plain")).build();
            assertThatThrownBy(() -> TestServers.CLIENT.send(plain, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
            HttpResponse<String> https = trusting(tls.certificate()).send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/hello"))
                            .POST(HttpRequest.BodyPublishers.ofString("after")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(https.body()).isEqualTo("hello after");
        }
    }
}
