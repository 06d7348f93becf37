package dev.atmo.capability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.HttpCall;
import dev.atmo.wasm.host.HttpReply;
import dev.atmo.wasm.host.InvocationInfo;
import java.net.URLEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Redirects, limits and the outbound policy of {@link OutboundHttp}, against real servers on loopback. */
@Timeout(20)
class OutboundHttpTest {
    private LoopbackHttp server;
    private LoopbackHttp other;

    @BeforeEach
    void start() {
        server = LoopbackHttp.start();
        other = LoopbackHttp.start();
    }

    @AfterEach
    void stop() {
        server.close();
        other.close();
    }

    static InvocationInfo caller() {
        return caller(Duration.ofSeconds(30));
    }

    static InvocationInfo caller(Duration left) {
        return new InvocationInfo("test", "req-1", 7, Instant.now().plus(left));
    }

    static HttpCall get(String url) {
        return new HttpCall("GET", url, List.of(), new byte[0]);
    }

    static String redirect(LoopbackHttp from, String to) {
        return from.base() + "/redirect?to=" + URLEncoder.encode(to, UTF_8);
    }

    static String text(HttpReply reply) {
        return reply.status() + " " + new String(reply.body(), UTF_8);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAfterTheCallTimeout() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive().withCallTimeout(Duration.ofMillis(300)),
                AuthHeaders.none());
        assertThatThrownBy(() -> http.send(get(server.base() + "/sleep"), caller()))
                .isInstanceOf(CapabilityException.class)
                .hasMessage("GET " + server.base() + "/sleep: timed out");
    }

    @Test
    void aBodyThatStallsTimesOutToo() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive().withCallTimeout(Duration.ofMillis(300)),
                AuthHeaders.none());
        assertThatThrownBy(() -> http.send(get(server.base() + "/stall"), caller()))
                .isInstanceOf(CapabilityException.class)
                .hasMessage("GET " + server.base() + "/stall: timed out");
    }

    @Test
    void theInvocationDeadlineBoundsTheCall() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive(), AuthHeaders.none());
        assertThatThrownBy(() -> http.send(get(server.base() + "/sleep"), caller(Duration.ofMillis(300))))
                .hasMessage("GET " + server.base() + "/sleep: timed out");
    }

    @Test
    void aBodyUpToTheCapIsReadAndALargerOneRefused() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive().withMaxResponseBytes(100_000),
                AuthHeaders.none());
        assertThat(http.send(get(server.base() + "/large?bytes=100000"), caller()).body()).hasSize(100_000);
        assertThatThrownBy(() -> http.send(get(server.base() + "/large?bytes=100001"), caller()))
                .isInstanceOf(CapabilityException.class)
                .hasMessage("GET " + server.base() + "/large?bytes=100001: response body is larger than the limit of "
                        + "100000 bytes");
    }

    @Test
    void redirectLoopsStopAfterTenRedirects() {
        server.handle("/loop", ex -> {
            ex.getResponseHeaders().add("Location", "/loop");
            LoopbackHttp.answer(ex, 302, "");
        });
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive(), AuthHeaders.none());
        assertThatThrownBy(() -> http.send(get(server.base() + "/loop"), caller()))
                .hasMessage("stopped after 10 redirects");
        assertThat(server.received()).hasSize(11);
    }

    @Test
    void anUnusableRedirectLocationIsAnError() {
        server.handle("/bad-location", ex -> {
            ex.getResponseHeaders().add("Location", "http://[nope/");
            LoopbackHttp.answer(ex, 302, "");
        });
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive(), AuthHeaders.none());
        assertThatThrownBy(() -> http.send(get(server.base() + "/bad-location"), caller()))
                .isInstanceOf(CapabilityException.class)
                .hasMessageStartingWith("invalid redirect location http://[nope/ from " + server.base()
                        + "/bad-location");
    }

    @Test
    void unusableUrlsAreErrorsForTheGuest() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive(), AuthHeaders.none());
        for (String url : new String[] {"http://127.0.0.1:99999/", "http://127.0.0.1:0/", "http://a b/",
            "https://[::1/", "http://user@/x", "http:opaque", "mailto:someone@example.com"}) {
            assertThatThrownBy(() -> http.send(get(url), caller())).as(url).isInstanceOf(CapabilityException.class);
        }
    }

    @Test
    void seeOtherTurnsAPostIntoAGetWithoutBody() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive(), AuthHeaders.none());
        HttpCall post = new HttpCall("POST", server.base() + "/redirect?status=303&to=%2Fok",
                List.of(Map.entry("Content-Type", "text/plain"), Map.entry("X-Keep", "1")), "data".getBytes(UTF_8));
        assertThat(text(http.send(post, caller()))).isEqualTo("200 ok");
        LoopbackHttp.Received followed = server.last();
        assertThat(followed.method()).isEqualTo("GET");
        assertThat(followed.body()).isEmpty();
        assertThat(followed.header("Content-Type")).isEmpty();
        assertThat(followed.header("X-Keep")).contains("1");
    }

    @Test
    void temporaryRedirectKeepsMethodAndBody() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive(), AuthHeaders.none());
        HttpCall put = new HttpCall("PUT", server.base() + "/redirect?status=307&to=%2Fok",
                List.of(Map.entry("Content-Type", "text/plain")), "data".getBytes(UTF_8));
        assertThat(text(http.send(put, caller()))).isEqualTo("200 ok");
        assertThat(server.last().method()).isEqualTo("PUT");
        assertThat(server.last().bodyText()).isEqualTo("data");
        assertThat(server.last().header("Content-Type")).contains("text/plain");
    }

    @Test
    void aGuestUserAgentReplacesOurs() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive(), AuthHeaders.none());
        http.send(new HttpCall("GET", server.base() + "/ok", List.of(Map.entry("User-Agent", "guest/2")),
                new byte[0]), caller());
        assertThat(server.last().values("User-Agent")).containsExactly("guest/2");
    }

    @Test
    void plainHttpIsRefusedWhenNotAllowed() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive().withAllowHttp(false), AuthHeaders.none());
        assertThatThrownBy(() -> http.send(get(server.base() + "/ok"), caller()))
                .isInstanceOf(CapabilityException.class)
                .hasMessage("failed to requestIsAllowed: requests to insecure HTTP endpoints is disallowed");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void theAllowListAdmitsListedHostsOnly() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive().withAllowedHosts(List.of("127.0.0.1")),
                AuthHeaders.none());
        assertThat(text(http.send(get(server.base() + "/ok"), caller()))).isEqualTo("200 ok");
        assertThatThrownBy(() -> http.send(get("http://localhost:" + server.port() + "/ok"), caller()))
                .hasMessage("failed to requestIsAllowed: host localhost is not in the allowed list");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void theAllowListIsCheckedAgainAfterARedirect() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive().withAllowedHosts(List.of("127.0.0.1")),
                AuthHeaders.none());
        String away = redirect(server, "http://localhost:" + other.port() + "/ok");
        assertThatThrownBy(() -> http.send(get(away), caller()))
                .hasMessage("failed to requestIsAllowed: host localhost is not in the allowed list");
        assertThat(server.received()).hasSize(1);
        assertThat(other.received()).isEmpty();
    }

    @Test
    void privateAddressesAreRefusedWhenBlocked() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive().withBlockPrivate(true, List.of()),
                AuthHeaders.none());
        assertThatThrownBy(() -> http.send(get(server.base() + "/ok"), caller()))
                .isInstanceOf(CapabilityException.class)
                .hasMessage("failed to requestIsAllowed: host 127.0.0.1 resolves to the private address 127.0.0.1");
        assertThatThrownBy(() -> http.send(get("http://localhost:" + server.port() + "/ok"), caller()))
                .hasMessage("failed to requestIsAllowed: host localhost resolves to the private address 127.0.0.1");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void theBlockAppliesAfterARedirectFromAnExemptHost() {
        OutboundHttp http = new OutboundHttp(OutboundPolicy.permissive()
                .withBlockPrivate(true, List.of("127.0.0.1")), AuthHeaders.none());
        assertThat(text(http.send(get(server.base() + "/ok"), caller()))).isEqualTo("200 ok");
        String away = redirect(server, "http://localhost:" + other.port() + "/ok");
        assertThatThrownBy(() -> http.send(get(away), caller()))
                .hasMessage("failed to requestIsAllowed: host localhost resolves to the private address 127.0.0.1");
        assertThat(server.received()).hasSize(2);
        assertThat(other.received()).isEmpty();
    }
}
