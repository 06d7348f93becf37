package dev.atmo.capability;

import static dev.atmo.capability.FetchUrlTest.errLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.wasm.host.Capabilities;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory cache is one per bundle: every Runnable of it shares the entries. */
class CacheSharingTest {

    @Test
    void twoRunnablesOfOneBundleShareTheCache(@TempDir Path dir) {
        TestBundle.write(dir, "", "abi-a-rust", "abi-b-rust");
        try (CapabilitySet set = TestBundle.capabilities(dir, Map.of())) {
            Capabilities capabilities = set.capabilities();
            assertThat(Guests.A.run(capabilities, "cache_set greeting hello world 0")).isEqualTo("rc=0");
            assertThat(Guests.B.run(capabilities, "cache_get greeting")).isEqualTo("rc=11 ffi=0 data=hello world");
            assertThat(Guests.B.run(capabilities, "cache_set greeting from b 0")).isEqualTo("rc=0");
            assertThat(Guests.A.run(capabilities, "cache_get greeting")).isEqualTo("rc=6 ffi=0 data=from b");
        }
    }

    @Test
    void aMissIsMinusTwoInAAndKeyNotFoundInB(@TempDir Path dir) {
        TestBundle.write(dir, "", "abi-a-rust");
        try (CapabilitySet set = TestBundle.capabilities(dir, Map.of())) {
            assertThat(Guests.A.run(set.capabilities(), "cache_get nope")).isEqualTo("rc=-2");
            assertThat(Guests.B.run(set.capabilities(), "cache_get nope")).isEqualTo(errLine("key not found"));
        }
    }

    @Test
    void anotherBundleHasItsOwnCache(@TempDir Path first, @TempDir Path second) {
        TestBundle.write(first, "", "abi-a-rust");
        TestBundle.write(second, "", "abi-a-rust");
        try (CapabilitySet one = TestBundle.capabilities(first, Map.of());
             CapabilitySet two = TestBundle.capabilities(second, Map.of())) {
            assertThat(Guests.A.run(one.capabilities(), "cache_set k v 0")).isEqualTo("rc=0");
            assertThat(Guests.A.run(two.capabilities(), "cache_get k")).isEqualTo("rc=-2");
        }
    }

    @Test
    void theConfiguredBoundEvictsTheLeastRecentlyUsed(@TempDir Path dir) {
        TestBundle.write(dir, """
                capabilities:
                  cache:
                    maxEntries: 2
                """, "abi-a-rust");
        try (CapabilitySet set = TestBundle.capabilities(dir, Map.of())) {
            assertThat(Guests.A.run(set.capabilities(), "cache_set a 1 0", "cache_set b 2 0", "cache_set c 3 0",
                    "cache_get a", "cache_get b", "cache_get c"))
                    .isEqualTo("rc=0\nrc=0\nrc=0\nrc=-2\nrc=1 ffi=0 data=2\nrc=1 ffi=0 data=3");
        }
    }
}
