package dev.atmo.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/** Two Atmo servers started from one bundle with {@code connections.redis} share the cache over real HTTP. */
class RedisSharedServersTest {
    static final String PREFIX = "atmo-test:" + UUID.randomUUID() + ":";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @AfterAll
    static void removeKeys() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.keys(PREFIX + "*").forEach(redis::del);
        }
    }

    static String post(AtmoServer server, String path, String body) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void whatOneServerSetsTheOtherReads(@TempDir Path dir) throws Exception {
        TestBundle.write(dir, """
                connections:
                  redis:
                    serverAddress: redis://127.0.0.1:6379
                """, "abi-a-rust", "abi-b-rust");
        ServerOptions options = ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0).build();
        try (AtmoServer one = AtmoServer.start(options); AtmoServer two = AtmoServer.start(options)) {
            assertThat(post(one, "/abi-a-rust", "cache_set " + PREFIX + "shared set by one 60")).isEqualTo("rc=0");
            assertThat(post(two, "/abi-b-rust", "cache_get " + PREFIX + "shared"))
                    .isEqualTo("rc=10 ffi=0 data=set by one");
            assertThat(post(two, "/abi-a-rust", "cache_set " + PREFIX + "shared set by two 60")).isEqualTo("rc=0");
            assertThat(post(one, "/abi-a-rust", "cache_get " + PREFIX + "shared"))
                    .isEqualTo("rc=10 ffi=0 data=set by two");
        }
    }
}
