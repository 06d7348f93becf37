package dev.atmo.capability;

import static dev.atmo.capability.FetchUrlTest.errLine;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.wasm.host.CacheCapability;
import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.Capabilities;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/** The cache on Redis: the machine's Redis at 127.0.0.1:6379, and a Redis of the test's own that it stops. */
@Timeout(60)
class RedisCacheTest {
    static final String MACHINE_REDIS = "127.0.0.1:6379";
    static final String PREFIX = "atmo-test:" + UUID.randomUUID() + ":";

    @AfterAll
    static void removeKeys() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.keys(PREFIX + "*").forEach(redis::del);
        }
    }

    static String redisSection(String address) {
        return """
                connections:
                  redis:
                    serverAddress: %s
                """.formatted(address);
    }

    @Test
    void valuesAreStoredAndReadBackAsBytes() {
        try (RedisCache cache = new RedisCache(MACHINE_REDIS, "", "")) {
            byte[] value = {0, 1, (byte) 0xff, 'x'};
            cache.set(PREFIX + "bytes", value, 0);
            assertThat(cache.get(PREFIX + "bytes")).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
            assertThat(cache.get(PREFIX + "absent")).isEmpty();
        }
    }

    @Test
    void theTtlIsRedisExpiry() {
        try (RedisCache cache = new RedisCache("redis://" + MACHINE_REDIS, "", "");
             JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            cache.set(PREFIX + "ttl", "v".getBytes(UTF_8), 60);
            cache.set(PREFIX + "forever", "v".getBytes(UTF_8), 0);
            assertThat(redis.ttl(PREFIX + "ttl")).isBetween(1L, 60L);
            assertThat(redis.ttl(PREFIX + "forever")).isEqualTo(-1L);
            cache.set(PREFIX + "ttl", "w".getBytes(UTF_8), -1);
            assertThat(redis.ttl(PREFIX + "ttl")).as("overwritten without expiry").isEqualTo(-1L);
        }
    }

    @Test
    void errorTextsNameTheServerButNotCredentialsInItsAddress() {
        String closed = LoopbackHttp.closedBase().substring("http://".length());
        try (RedisCache cache = new RedisCache("redis://atmo:hunter2@" + closed, "", "")) {
            assertThatThrownBy(() -> cache.get(PREFIX + "x"))
                    .isInstanceOf(CapabilityException.class)
                    .hasMessageStartingWith("failed to client.Get: redis " + closed + ": ")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void guestsOfBothGenerationsShareTheRedisNamedByTheEnvironment(@TempDir Path dir) {
        TestBundle.write(dir, redisSection("env(TEST_REDIS)"), "abi-a-rust");
        try (CapabilitySet set = TestBundle.capabilities(dir, Map.of("TEST_REDIS", "redis://" + MACHINE_REDIS))) {
            Capabilities capabilities = set.capabilities();
            assertThat(Guests.A.run(capabilities, "cache_set " + PREFIX + "k hello redis 0")).isEqualTo("rc=0");
            assertThat(Guests.B.run(capabilities, "cache_get " + PREFIX + "k")).isEqualTo("rc=11 ffi=0 data=hello redis");
            assertThat(Guests.A.run(capabilities, "cache_get " + PREFIX + "nope")).isEqualTo("rc=-2");
            assertThat(Guests.B.run(capabilities, "cache_get " + PREFIX + "nope")).isEqualTo(errLine("key not found"));
        }
    }

    @Test
    void aStoppedRedisFailsCacheCallsOnlyAndIsUsedAgainOnceBack(@TempDir Path dir) throws Exception {
        try (RedisProcess redis = RedisProcess.start()) {
            TestBundle.write(dir, redisSection("redis://" + redis.address()), "abi-a-rust");
            try (CapabilitySet set = TestBundle.capabilities(dir, Map.of())) {
                Capabilities capabilities = set.capabilities();
                fillThePool(capabilities.cache().orElseThrow());
                assertThat(Guests.B.run(capabilities, "cache_set k before 0", "cache_get k"))
                        .isEqualTo("rc=0\nrc=6 ffi=0 data=before");

                redis.stop();
                String[] lines = Guests.B.run(capabilities, "cache_set k during 0", "cache_get k", "echo answering")
                        .split("\n");
                assertThat(lines[0]).isEqualTo("rc=-2");
                assertThat(lines[1]).matches("rc=-\\d+ ffi=0 err=failed to client\\.Get: redis " + redis.address()
                        + ": .+");
                assertThat(lines[2]).isEqualTo("answering");
                assertThat(Guests.A.run(capabilities, "cache_get k", "echo answering"))
                        .isEqualTo("rc=-2\nanswering");

                redis.startAgain();
                assertThat(Guests.B.run(capabilities, "cache_get k", "cache_set k after 0", "cache_get k"))
                        .as("a new Redis without the old data, reached on the first call")
                        .isEqualTo(errLine("key not found") + "\nrc=0\nrc=5 ffi=0 data=after");
            }
        }
    }

    /** Several concurrent calls leave several idle connections in the pool. */
    private static void fillThePool(CacheCapability cache) throws Exception {
        int threads = 8;
        CyclicBarrier together = new CyclicBarrier(threads);
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                done.add(executor.submit(() -> {
                    together.await();
                    for (int i = 0; i < 20; i++) {
                        cache.set("warm-" + n, new byte[] {(byte) i}, 0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }
}
