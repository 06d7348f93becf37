package dev.atmo.capability;

import dev.atmo.metrics.AtmoMetrics;
import dev.atmo.wasm.host.CacheCapability;
import java.util.Optional;

/** Counts cache hits and misses around another cache. */
final class MeteredCache implements CacheCapability {
    private final CacheCapability cache;
    private final AtmoMetrics metrics;

    MeteredCache(CacheCapability cache, AtmoMetrics metrics) {
        this.cache = cache;
        this.metrics = metrics;
    }

    @Override
    public void set(String key, byte[] value, int ttlSeconds) {
        cache.set(key, value, ttlSeconds);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Optional<byte[]> value = cache.get(key);
        metrics.cache(value.isPresent());
        return value;
    }
}
