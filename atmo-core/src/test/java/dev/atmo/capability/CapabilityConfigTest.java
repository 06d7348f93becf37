package dev.atmo.capability;

import static dev.atmo.capability.FetchUrlTest.errLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.AtmoException;
import dev.atmo.wasm.host.Capabilities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Directive's {@code capabilities} section: defaults, every key, errors naming the key, and its effect. */
class CapabilityConfigTest {

    @Test
    void everythingIsEnabledAndPermissiveByDefault() {
        CapabilityConfig config = CapabilityConfig.defaults();
        assertThat(List.of(config.http(), config.graphql(), config.cache(), config.files(), config.logger(),
                config.request(), config.database())).containsOnly(true);
        assertThat(config.policy()).isEqualTo(OutboundPolicy.permissive());
        assertThat(config.policy().allowedHosts()).isEmpty();
        assertThat(config.policy().blockPrivate()).isFalse();
        assertThat(config.policy().allowHttp()).isTrue();
        assertThat(config.policy().callTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.policy().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.policy().maxResponseBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(config.policy().maxRedirects()).isEqualTo(10);
        assertThat(config.cacheEntries()).isEqualTo(100_000);
    }

    @Test
    void everyKeyIsRead() {
        CapabilityConfig config = CapabilityConfig.from(Map.of(
                "http", Map.of("enabled", false, "allowedHosts", List.of("api.github.com", "*.example.com"),
                        "blockPrivate", true, "allowedPrivateHosts", "cache.internal, db.internal",
                        "allowHttp", "false", "timeoutSeconds", 7, "maxResponseBytes", 1024),
                "graphql", Map.of("enabled", false),
                "cache", Map.of("enabled", false, "maxEntries", 10),
                "files", Map.of("enabled", false),
                "logger", Map.of("enabled", false),
                "request", Map.of("enabled", false),
                "database", Map.of("enabled", false)));
        assertThat(List.of(config.http(), config.graphql(), config.cache(), config.files(), config.logger(),
                config.request(), config.database())).containsOnly(false);
        OutboundPolicy policy = config.policy();
        assertThat(policy.allowedHosts()).containsExactly("api.github.com", "*.example.com");
        assertThat(policy.blockPrivate()).isTrue();
        assertThat(policy.allowedPrivateHosts()).containsExactly("cache.internal", "db.internal");
        assertThat(policy.allowHttp()).isFalse();
        assertThat(policy.callTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.maxResponseBytes()).isEqualTo(1024);
        assertThat(config.cacheEntries()).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "htp: {}|capabilities.htp is not a capability (did you mean 'http'?); known: cache, database, files, graphql, http, logger, request",
        "http: {allowHTTP: false}|capabilities.http.allowHTTP is not a setting of http (did you mean 'allowHttp'?); known: allowHttp, "
                + "allowedHosts, allowedPrivateHosts, blockPrivate, enabled, maxResponseBytes, timeoutSeconds",
        "cache: {ttl: 5}|capabilities.cache.ttl is not a setting of cache; known: enabled, maxEntries",
        "http: true|capabilities.http must be a mapping",
        "http: {blockPrivate: yes}|capabilities.http.blockPrivate must be true or false, got yes",
        "graphql: {enabled: 1}|capabilities.graphql.enabled must be true or false, got 1",
        "http: {timeoutSeconds: 0}|capabilities.http.timeoutSeconds must be positive, got 0",
        "http: {timeoutSeconds: soon}|capabilities.http.timeoutSeconds must be a number, got soon",
        "http: {timeoutSeconds: 1.5}|capabilities.http.timeoutSeconds must be a whole number, got 1.5",
        "http: {maxResponseBytes: -1}|capabilities.http.maxResponseBytes must be positive, got -1",
        "http: {allowedHosts: {a: b}}|capabilities.http.allowedHosts must be a list of host names, got {a=b}",
        "cache: {maxEntries: 3000000000}|capabilities.cache.maxEntries must be at most 2147483647, got 3000000000"
    })
    void aWrongKeyOrValueIsAnErrorNamingIt(String yaml, String message, @TempDir Path dir) {
        TestBundle.write(dir, "capabilities:\n  " + yaml + "\n", "abi-a-rust");
        assertThatThrownBy(() -> TestBundle.capabilities(dir, Map.of()))
                .isInstanceOf(AtmoException.class)
                .hasMessage(message);
    }

    @Test
    void disabledCapabilitiesAnswerNotEnabled(@TempDir Path dir) {
        TestBundle.write(dir, """
                capabilities:
                  http: {enabled: false}
                  graphql: {enabled: false}
                  cache: {enabled: false}
                  files: {enabled: false}
                """, "abi-a-rust");
        try (CapabilitySet set = TestBundle.capabilities(dir, Map.of())) {
            Capabilities capabilities = set.capabilities();
            String[] commands = {"fetch GET http://127.0.0.1:1/x", "graphql http://127.0.0.1:1/graphql { a }",
                "cache_set k v 0", "cache_get k", "static main.md"};
            String notEnabled = errLine("capability is not enabled");
            assertThat(Guests.B.run(capabilities, commands))
                    .isEqualTo(String.join("\n", notEnabled, notEnabled, "rc=-2", notEnabled, notEnabled));
            assertThat(Guests.A.run(capabilities, commands)).isEqualTo("rc=-3\nrc=-1\nrc=-2\nrc=-2\nrc=-2");
        }
    }

    @Test
    void theHttpPolicyAppliesToGraphQlToo(@TempDir Path dir) {
        TestBundle.write(dir, """
                capabilities:
                  http:
                    allowHttp: false
                """, "abi-a-rust");
        try (CapabilitySet set = TestBundle.capabilities(dir, Map.of())) {
            String refused = errLine("failed to requestIsAllowed: requests to insecure HTTP endpoints is disallowed");
            assertThat(Guests.B.run(set.capabilities(), "fetch GET http://127.0.0.1:1/x",
                    "graphql http://127.0.0.1:1/graphql { a }")).isEqualTo(refused + "\n" + refused);
        }
    }

    @Test
    void anAllowListInTheDirectiveRefusesOtherHosts(@TempDir Path dir) {
        try (LoopbackHttp server = LoopbackHttp.start()) {
            TestBundle.write(dir, """
                    capabilities:
                      http:
                        allowedHosts: ["*.example.com", localhost]
                    """, "abi-a-rust");
            try (CapabilitySet set = TestBundle.capabilities(dir, Map.of())) {
                assertThat(Guests.B.run(set.capabilities(), "fetch GET " + server.base() + "/ok",
                        "fetch GET http://localhost:" + server.port() + "/ok"))
                        .isEqualTo(errLine("failed to requestIsAllowed: host 127.0.0.1 is not in the allowed list")
                                + "\nrc=2 ffi=0 data=ok");
                assertThat(server.received()).hasSize(1);
            }
        }
    }
}
