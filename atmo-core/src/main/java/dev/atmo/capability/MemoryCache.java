package dev.atmo.capability;

import dev.atmo.wasm.host.CacheCapability;
import dev.atmo.wasm.host.CapabilityException;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default cache: in memory, shared by every Runnable of the process, entries expiring after their TTL,
 * and bounded in entries and in bytes with least-recently-used eviction. A value larger than the per-value
 * cap is refused (the guest's {@code cache_set} fails), so one Runnable cannot fill the heap.
 */
public final class MemoryCache implements CacheCapability {
    /** Default bound on entries. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    /** Default bound on the bytes of all keys and values together: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    /** Default bound on one value: 1 MiB. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;
    /** What an entry costs beside its key and value bytes (map node, record, array headers), roughly. */
    private static final int ENTRY_OVERHEAD = 96;

    private final int maxEntries;
    private final long maxBytes;
    private final int maxValueBytes;
    private final Clock clock;
    private final LinkedHashMap<String, CachedValue> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public MemoryCache() {
        this(DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    public MemoryCache(int maxEntries, Clock clock) {
        this(maxEntries, DEFAULT_MAX_BYTES, DEFAULT_MAX_VALUE_BYTES, clock);
    }

    public MemoryCache(int maxEntries, long maxBytes, int maxValueBytes, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
        }
        new CacheLimits(maxBytes, maxValueBytes);
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.maxValueBytes = maxValueBytes;
        this.clock = clock;
    }

    /**
     * @throws CapabilityException when the value is larger than the per-value bound; the key keeps its old value
     */
    @Override
    public synchronized void set(String key, byte[] value, int ttlSeconds) {
        if (value.length > maxValueBytes) {
            throw new CapabilityException("cache value for key " + key + " is " + value.length
                    + " bytes, larger than the limit of " + maxValueBytes + " bytes per value");
        }
        long expires = ttlSeconds > 0 ? clock.millis() + ttlSeconds * 1000L : Long.MAX_VALUE;
        CachedValue entry = new CachedValue(value.clone(), expires, cost(key, value));
        CachedValue old = entries.put(key, entry);
        if (old != null) {
            bytes -= old.cost();
        }
        bytes += entry.cost();
        evict();
    }

    /** Drops least recently used entries until both bounds hold; the entry just set is the last to go. */
    private void evict() {
        Iterator<CachedValue> eldest = entries.values().iterator();
        while ((bytes > maxBytes || entries.size() > maxEntries) && eldest.hasNext()) {
            bytes -= eldest.next().cost();
            eldest.remove();
        }
    }

    @Override
    public synchronized Optional<byte[]> get(String key) {
        CachedValue entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAtMillis() <= clock.millis()) {
            entries.remove(key);
            bytes -= entry.cost();
            return Optional.empty();
        }
        return Optional.of(entry.value().clone());
    }

    public synchronized int size() {
        return entries.size();
    }

    /** The bytes the entries are counted as now (keys, values and a fixed overhead each). */
    public synchronized long bytes() {
        return bytes;
    }

    private static long cost(String key, byte[] value) {
        return ENTRY_OVERHEAD + 2L * key.length() + value.length;
    }

    private record CachedValue(byte[] value, long expiresAtMillis, long cost) {
    }
}
