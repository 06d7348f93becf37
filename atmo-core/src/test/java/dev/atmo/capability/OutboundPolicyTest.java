package dev.atmo.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.wasm.host.CapabilityException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Host patterns, address classes and the checks of {@link OutboundPolicy}, without network calls. */
class OutboundPolicyTest {

    @Test
    void aWildcardMatchesSubDomainsOnly() {
        assertThat(OutboundPolicy.hostMatches("*.example.com", "api.example.com")).isTrue();
        assertThat(OutboundPolicy.hostMatches("*.example.com", "a.b.example.com")).isTrue();
        assertThat(OutboundPolicy.hostMatches("*.example.com", "API.Example.COM")).isTrue();
        assertThat(OutboundPolicy.hostMatches("*.example.com", "example.com")).isFalse();
        assertThat(OutboundPolicy.hostMatches("*.example.com", "badexample.com")).isFalse();
        assertThat(OutboundPolicy.hostMatches("*.example.com", "example.com.evil.test")).isFalse();
        assertThat(OutboundPolicy.hostMatches("*.example.com", "api.example.com.evil.test")).isFalse();
        assertThat(OutboundPolicy.hostMatches("*.example.com", ".example.com")).isFalse();
    }

    @Test
    void anExactEntryMatchesThatHostInAnyCase() {
        assertThat(OutboundPolicy.hostMatches("api.github.com", "api.github.com")).isTrue();
        assertThat(OutboundPolicy.hostMatches("api.github.com", "API.GitHub.com")).isTrue();
        assertThat(OutboundPolicy.hostMatches("api.github.com", "x.api.github.com")).isFalse();
        assertThat(OutboundPolicy.hostMatches("api.github.com", "github.com")).isFalse();
    }

    @Test
    void theAllowListRefusesEveryOtherHostBeforeAnyLookup() {
        OutboundPolicy policy = OutboundPolicy.permissive().withAllowedHosts(List.of("api.github.com", "*.example.com"));
        assertThatCode(() -> policy.check(URI.create("https://api.github.com/graphql"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("https://cdn.example.com/x"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check(URI.create("https://example.com/x")))
                .isInstanceOf(CapabilityException.class)
                .hasMessage("failed to requestIsAllowed: host example.com is not in the allowed list");
        assertThatThrownBy(() -> policy.check(URI.create("https://api.github.com.evil.test/")))
                .hasMessage("failed to requestIsAllowed: host api.github.com.evil.test is not in the allowed list");
    }

    @Test
    void onlyHttpAndHttpsAreCalled() {
        OutboundPolicy policy = OutboundPolicy.permissive();
        assertThatThrownBy(() -> policy.check(URI.create("file:///etc/passwd")))
                .hasMessage("failed to requestIsAllowed: unsupported URL scheme 'file'");
        assertThatThrownBy(() -> policy.check(URI.create("http:/no-host")))
                .hasMessage("failed to requestIsAllowed: URL has no host: http:/no-host");
        assertThatThrownBy(() -> policy.withAllowHttp(false).check(URI.create("http://api.github.com/")))
                .hasMessage("failed to requestIsAllowed: requests to insecure HTTP endpoints is disallowed");
        assertThatCode(() -> policy.withAllowHttp(false).check(URI.create("https://api.github.com/")))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
        "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1"})
    void privateLoopbackAndLinkLocalAddressesArePrivate(String address) throws Exception {
        assertThat(OutboundPolicy.isPrivate(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111"})
    void publicAddressesAreNot(String address) throws Exception {
        assertThat(OutboundPolicy.isPrivate(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void theBlockIsCheckedOnTheAddressAndSparesExemptHosts() {
        OutboundPolicy policy = OutboundPolicy.permissive().withBlockPrivate(true, List.of("10.1.2.3"));
        assertThatThrownBy(() -> policy.check(URI.create("http://169.254.169.254/latest/meta-data/")))
                .hasMessage("failed to requestIsAllowed: host 169.254.169.254 resolves to the private address "
                        + "169.254.169.254");
        assertThatThrownBy(() -> policy.check(URI.create("http://[::1]:8080/")))
                .hasMessage("failed to requestIsAllowed: host [::1] resolves to the private address 0:0:0:0:0:0:0:1");
        assertThatCode(() -> policy.check(URI.create("http://10.1.2.3/"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://8.8.8.8/"))).doesNotThrowAnyException();
    }
}
