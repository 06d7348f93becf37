package dev.atmo.capability;

import dev.atmo.wasm.host.CacheCapability;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default cache: in memory, shared by every Runnable of the process, entries expiring after their TTL,
 * and bounded in entries with least-recently-used eviction.
 */
public final class MemoryCache implements CacheCapability {
    /** Default bound on entries. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final int maxEntries;
    private final Clock clock;
    private final LinkedHashMap<String, CachedValue> entries;

    public MemoryCache() {
        this(DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    public MemoryCache(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedValue> eldest) {
                return size() > MemoryCache.this.maxEntries;
            }
        };
    }

    @Override
    public synchronized void set(String key, byte[] value, int ttlSeconds) {
        long expires = ttlSeconds > 0 ? clock.millis() + ttlSeconds * 1000L : Long.MAX_VALUE;
        entries.put(key, new CachedValue(value.clone(), expires));
    }

    @Override
    public synchronized Optional<byte[]> get(String key) {
        CachedValue entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAtMillis() <= clock.millis()) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value().clone());
    }

    public synchronized int size() {
        return entries.size();
    }

    private record CachedValue(byte[] value, long expiresAtMillis) {
    }
}
