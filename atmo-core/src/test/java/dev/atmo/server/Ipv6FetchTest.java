package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Runnable's {@code fetch_url} to an IPv6 literal, directly or through a redirect, reaches it. */
class Ipv6FetchTest {
    @TempDir
    static Path dir;
    private static AtmoServer server;
    private static HttpServer v6;
    private static HttpServer v4;

    @BeforeAll
    static void start() throws IOException {
        v6 = HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 0);
        v6.createContext("/ok", exchange -> {
            byte[] body = "v6 ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        v6.start();
        v4 = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        v4.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", v6Url());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        v4.start();
        server = AtmoServer.start(ExerciserBundle.options(dir.resolve("bundle")).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        v6.stop(0);
        v4.stop(0);
    }

    private static String v6Url() {
        return "http://[::1]:" + v6.getAddress().getPort() + "/ok";
    }

    @Test
    void aFetchToAnIpv6LiteralReachesIt() {
        assertThat(TestServers.send(server, "POST", "/exercise", "fetch GET " + v6Url()).body())
                .isEqualTo("rc=5 ffi=0 data=v6 ok");
    }

    @Test
    void aFetchWithHeadersToAnIpv6LiteralReachesIt() {
        assertThat(TestServers.send(server, "POST", "/exercise", "fetch GET " + v6Url() + "::X-Test:yes").body())
                .isEqualTo("rc=5 ffi=0 data=v6 ok");
    }

    @Test
    void aRedirectToAnIpv6LiteralIsFollowed() {
        String url = "http://127.0.0.1:" + v4.getAddress().getPort() + "/redirect?to=" + v6Url();
        assertThat(TestServers.send(server, "POST", "/exercise", "fetch GET " + url).body())
                .isEqualTo("rc=5 ffi=0 data=v6 ok");
    }
}
