package dev.atmo.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.wasm.host.Capabilities;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authentication.domains} from a bundle's Directive, through real guests of both generations: the header
 * reaches the configured host and port, and no other host, not even through a redirect.
 */
class AuthInjectionTest {
    @TempDir
    static Path dir;
    private static LoopbackHttp configured;
    private static LoopbackHttp other;
    private static CapabilitySet set;
    private static Capabilities capabilities;

    @BeforeAll
    static void start() {
        configured = LoopbackHttp.start();
        other = LoopbackHttp.start();
        TestBundle.write(dir, """
                authentication:
                  domains:
                    "%s":
                      headerType: bearer
                      value: env(TEST_TOKEN)
                    "localhost:%d":
                      headerType: basic
                      value: dXNlcjpwYXNz
                """.formatted(configured.hostAndPort(), other.port()), "abi-a-rust");
        set = TestBundle.capabilities(dir, Map.of("TEST_TOKEN", "s3cret"));
        capabilities = set.capabilities();
    }

    @AfterAll
    static void stop() {
        set.close();
        configured.close();
        other.close();
    }

    @BeforeEach
    void reset() {
        configured.reset();
        other.reset();
    }

    static String fetch(Guests guest, String url) {
        return guest.run(capabilities, "fetch GET " + url);
    }

    static String redirect(LoopbackHttp from, String to) {
        return from.base() + "/redirect?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
    }

    @Test
    void theConfiguredHostGetsTheCanonicalHeaderInBothGenerations() {
        for (Guests guest : Guests.values()) {
            configured.reset();
            assertThat(fetch(guest, configured.base() + "/ok")).isEqualTo("rc=2 ffi=0 data=ok");
            assertThat(configured.last().values("Authorization")).as(guest.module()).containsExactly("Bearer s3cret");
        }
    }

    @Test
    void aCustomTypeAndHostNameAreMatchedExactly() {
        assertThat(fetch(Guests.B, "http://localhost:" + other.port() + "/ok")).isEqualTo("rc=2 ffi=0 data=ok");
        assertThat(other.last().values("Authorization")).containsExactly("Basic dXNlcjpwYXNz");
    }

    @Test
    void localhostIsNotTheConfiguredAddress() {
        assertThat(fetch(Guests.A, "http://localhost:" + configured.port() + "/ok")).isEqualTo("rc=2 ffi=0 data=ok");
        assertThat(configured.last().header("Authorization")).isEmpty();
    }

    @Test
    void theConfiguredAddressIsNotTheConfiguredName() {
        assertThat(fetch(Guests.A, other.base() + "/ok")).isEqualTo("rc=2 ffi=0 data=ok");
        assertThat(other.last().header("Authorization")).isEmpty();
    }

    @Test
    void anotherPortOfTheSameAddressGetsNothing() {
        for (Guests guest : Guests.values()) {
            other.reset();
            assertThat(fetch(guest, other.base() + "/ok")).isEqualTo("rc=2 ffi=0 data=ok");
            assertThat(other.last().header("Authorization")).as(guest.module()).isEmpty();
        }
    }

    @Test
    void theHeaderReplacesAnAuthorizationTheGuestSentToTheConfiguredHost() {
        for (Guests guest : Guests.values()) {
            configured.reset();
            assertThat(fetch(guest, configured.base() + "/ok::Authorization:Bearer guest-token"))
                    .isEqualTo("rc=2 ffi=0 data=ok");
            assertThat(configured.last().values("Authorization")).as(guest.module()).containsExactly("Bearer s3cret");
        }
    }

    @Test
    void anAuthorizationTheGuestSendsElsewhereIsItsOwn() {
        assertThat(fetch(Guests.B, other.base() + "/ok::Authorization:Bearer guest-token"))
                .isEqualTo("rc=2 ffi=0 data=ok");
        assertThat(other.last().values("Authorization")).containsExactly("Bearer guest-token");
    }

    @Test
    void aRedirectToAnotherHostCarriesNoAuthorization() {
        for (Guests guest : Guests.values()) {
            configured.reset();
            other.reset();
            String url = redirect(configured, other.base() + "/ok") + "::Authorization:Bearer guest-token";
            assertThat(fetch(guest, url)).isEqualTo("rc=2 ffi=0 data=ok");
            assertThat(configured.last().values("Authorization")).as(guest.module()).containsExactly("Bearer s3cret");
            assertThat(other.last().target()).isEqualTo("/ok");
            assertThat(other.last().header("Authorization")).as(guest.module()).isEmpty();
        }
    }

    @Test
    void aRedirectToTheSameNameOnAnotherPortCarriesNoAuthorization() {
        String url = redirect(configured, "http://localhost:" + configured.port() + "/ok");
        assertThat(fetch(Guests.A, url)).isEqualTo("rc=2 ffi=0 data=ok");
        assertThat(configured.received()).hasSize(2);
        assertThat(configured.received().get(0).values("Authorization")).containsExactly("Bearer s3cret");
        assertThat(configured.received().get(1).header("Authorization")).isEmpty();
    }

    @Test
    void aRedirectWithinTheConfiguredHostKeepsTheHeader() {
        assertThat(fetch(Guests.B, redirect(configured, "/ok"))).isEqualTo("rc=2 ffi=0 data=ok");
        assertThat(configured.received()).extracting(r -> r.header("Authorization").orElse("none"))
                .containsExactly("Bearer s3cret", "Bearer s3cret");
    }

    @Test
    void aRedirectFromElsewhereIntoTheConfiguredHostGetsNoHeader() {
        assertThat(fetch(Guests.B, redirect(other, configured.base() + "/ok"))).isEqualTo("rc=2 ffi=0 data=ok");
        assertThat(configured.last().header("Authorization")).isEmpty();
    }
}
