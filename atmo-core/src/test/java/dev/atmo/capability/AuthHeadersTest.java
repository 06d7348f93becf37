package dev.atmo.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.directive.Authentication;
import dev.atmo.directive.DomainAuth;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which {@code Authorization} header {@link AuthHeaders} gives each URL, and the redirect decision. */
class AuthHeadersTest {

    static AuthHeaders headers(Map<String, String> environment, String... hostTypeValue) {
        Map<String, DomainAuth> domains = new LinkedHashMap<>();
        for (int i = 0; i < hostTypeValue.length; i += 3) {
            domains.put(hostTypeValue[i], new DomainAuth(hostTypeValue[i + 1], hostTypeValue[i + 2], null));
        }
        return AuthHeaders.resolve(new Authentication(domains), name -> Optional.ofNullable(environment.get(name)));
    }

    static Optional<String> header(AuthHeaders headers, String url) {
        return headers.forUri(URI.create(url));
    }

    @Test
    void knownTypesAreWrittenCanonicallyAndOthersVerbatim() {
        AuthHeaders headers = headers(Map.of(),
                "a.test", "bearer", "x",
                "b.test", "BEARER", "x",
                "c.test", "basic", "dXNlcjpwYXNz",
                "d.test", "token", "abc",
                "e.test", "Custom-Scheme", "abc",
                "f.test", "", "just-the-value");
        assertThat(header(headers, "https://a.test/")).contains("Bearer x");
        assertThat(header(headers, "https://b.test/")).contains("Bearer x");
        assertThat(header(headers, "https://c.test/")).contains("Basic dXNlcjpwYXNz");
        assertThat(header(headers, "https://d.test/")).contains("token abc");
        assertThat(header(headers, "https://e.test/")).contains("Custom-Scheme abc");
        assertThat(header(headers, "https://f.test/")).contains("just-the-value");
    }

    @Test
    void environmentValuesAreResolvedOnceAtStartUp() {
        Map<String, String> environment = new LinkedHashMap<>(Map.of("GITHUB_TOKEN", "ghp_1"));
        AuthHeaders headers = headers(environment, "api.github.com", "bearer", "env(GITHUB_TOKEN)");
        environment.put("GITHUB_TOKEN", "changed");
        assertThat(header(headers, "https://api.github.com/graphql")).contains("Bearer ghp_1");
    }

    @Test
    void anUnsetOrEmptyValueSendsNoHeader() {
        AuthHeaders headers = headers(Map.of("EMPTY", ""),
                "unset.test", "bearer", "env(NOT_SET)",
                "empty-env.test", "bearer", "env(EMPTY)",
                "empty.test", "bearer", "",
                "set.test", "bearer", "x");
        assertThat(header(headers, "https://unset.test/")).isEmpty();
        assertThat(header(headers, "https://empty-env.test/")).isEmpty();
        assertThat(header(headers, "https://empty.test/")).isEmpty();
        assertThat(headers.hosts()).containsExactly("set.test");
    }

    @Test
    void theConfiguredHostMatches() {
        AuthHeaders headers = headers(Map.of(), "api.github.com", "bearer", "t", "127.0.0.1:8443", "bearer", "p");
        assertThat(header(headers, "https://api.github.com/graphql")).contains("Bearer t");
        assertThat(header(headers, "http://api.github.com/any/path?q=1")).contains("Bearer t");
        assertThat(header(headers, "https://127.0.0.1:8443/")).contains("Bearer p");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://api.github.com.evil.test/graphql",
        "https://evilapi.github.com/graphql",
        "https://x.api.github.com/graphql",
        "https://github.com/graphql",
        "https://api-github.com/graphql",
        "https://API.GITHUB.COM/graphql",
        "https://api.github.com:443/graphql",
        "https://api.github.com@evil.test/graphql",
        "https://evil.test/api.github.com",
        "https://evil.test/?host=api.github.com",
        "https://127.0.0.1/",
        "https://127.0.0.1:8444/",
        "https://localhost:8443/",
        "https://[::1]:8443/",
        "https://127.0.0.1:8443@evil.test/"
    })
    void noOtherHostGetsTheHeader(String url) {
        AuthHeaders headers = headers(Map.of(), "api.github.com", "bearer", "t", "127.0.0.1:8443", "bearer", "p");
        assertThat(header(headers, url)).isEmpty();
    }

    @Test
    void onlyTheSameSchemeHostAndPortKeepTheHeaderOnARedirect() {
        assertThat(OutboundHttp.sameOrigin(URI.create("https://h.test/a"), URI.create("https://h.test/b"))).isTrue();
        assertThat(OutboundHttp.sameOrigin(URI.create("https://h.test/a"), URI.create("https://H.TEST:443/b")))
                .isTrue();
        assertThat(OutboundHttp.sameOrigin(URI.create("https://h.test/a"), URI.create("http://h.test/a")))
                .as("a downgrade to plain HTTP").isFalse();
        assertThat(OutboundHttp.sameOrigin(URI.create("https://h.test:8443/"), URI.create("http://h.test:8443/")))
                .as("a downgrade to plain HTTP on the same port").isFalse();
        assertThat(OutboundHttp.sameOrigin(URI.create("http://h.test/"), URI.create("http://h.test:8080/")))
                .isFalse();
        assertThat(OutboundHttp.sameOrigin(URI.create("https://h.test/"), URI.create("https://h.test.evil/")))
                .isFalse();
    }
}
