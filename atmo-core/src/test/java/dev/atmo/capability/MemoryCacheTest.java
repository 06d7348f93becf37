package dev.atmo.capability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.testing.TestClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TTL expiry and the LRU bound of {@link MemoryCache}, on a clock the test moves. */
class MemoryCacheTest {
    private final TestClock clock = new TestClock();

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static Optional<String> text(MemoryCache cache, String key) {
        return cache.get(key).map(v -> new String(v, UTF_8));
    }

    @Test
    void anEntryLivesExactlyItsTtl() {
        MemoryCache cache = new MemoryCache(10, clock);
        cache.set("k", bytes("v"), 10);
        clock.advance(Duration.ofMillis(9_999));
        assertThat(text(cache, "k")).contains("v");
        clock.advance(Duration.ofMillis(1));
        assertThat(text(cache, "k")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTtlOfZeroOrLessNeverExpires() {
        MemoryCache cache = new MemoryCache(10, clock);
        cache.set("zero", bytes("a"), 0);
        cache.set("negative", bytes("b"), -5);
        clock.advance(Duration.ofDays(10_000));
        assertThat(text(cache, "zero")).contains("a");
        assertThat(text(cache, "negative")).contains("b");
    }

    @Test
    void overwritingStartsANewTtl() {
        MemoryCache cache = new MemoryCache(10, clock);
        cache.set("k", bytes("first"), 10);
        clock.advance(Duration.ofSeconds(8));
        cache.set("k", bytes("second"), 10);
        clock.advance(Duration.ofSeconds(8));
        assertThat(text(cache, "k")).contains("second");
        cache.set("k", bytes("third"), 0);
        clock.advance(Duration.ofDays(1));
        assertThat(text(cache, "k")).contains("third");
    }

    @Test
    void theLeastRecentlyUsedEntryMakesRoom() {
        MemoryCache cache = new MemoryCache(3, clock);
        cache.set("a", bytes("1"), 0);
        cache.set("b", bytes("2"), 0);
        cache.set("c", bytes("3"), 0);
        assertThat(text(cache, "a")).contains("1");
        cache.set("d", bytes("4"), 0);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(text(cache, "b")).as("least recently used").isEmpty();
        assertThat(text(cache, "a")).contains("1");
        assertThat(text(cache, "c")).contains("3");
        assertThat(text(cache, "d")).contains("4");
    }

    @Test
    void storedValuesAreCopies() {
        MemoryCache cache = new MemoryCache(10, clock);
        byte[] value = bytes("abc");
        cache.set("k", value, 0);
        value[0] = 'x';
        cache.get("k").orElseThrow()[1] = 'x';
        assertThat(text(cache, "k")).contains("abc");
    }

    @Test
    void theBoundMustBePositive() {
        assertThatThrownBy(() -> new MemoryCache(0, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEntries must be at least 1, got 0");
    }
}
