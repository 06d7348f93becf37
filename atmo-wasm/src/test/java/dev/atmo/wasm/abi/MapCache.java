package dev.atmo.wasm.abi;

import dev.atmo.wasm.host.CacheCapability;
import dev.atmo.wasm.host.CapabilityException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A map-backed cache with expiry; keys starting with {@code broken} fail like an unreachable backend. */
final class MapCache implements CacheCapability {
    static final String FAILURE = "cache backend unavailable";
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(byte[] value, int ttlSeconds, long expiresAtNanos) {
        boolean live() {
            return expiresAtNanos == 0 || System.nanoTime() - expiresAtNanos < 0;
        }
    }

    @Override
    public void set(String key, byte[] value, int ttlSeconds) {
        failIfBroken(key);
        long expiry = ttlSeconds > 0 ? System.nanoTime() + ttlSeconds * 1_000_000_000L : 0;
        entries.put(key, new Entry(value.clone(), ttlSeconds, expiry));
    }

    /** The time to live the key was last stored with. */
    Optional<Integer> ttl(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::ttlSeconds);
    }

    @Override
    public Optional<byte[]> get(String key) {
        failIfBroken(key);
        return Optional.ofNullable(entries.get(key)).filter(Entry::live).map(e -> e.value().clone());
    }

    private static void failIfBroken(String key) {
        if (key.startsWith("broken")) {
            throw new CapabilityException(FAILURE);
        }
    }
}
