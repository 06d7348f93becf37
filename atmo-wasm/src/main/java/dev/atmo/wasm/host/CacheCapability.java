package dev.atmo.wasm.host;

import java.util.Optional;

/** The process-wide cache behind {@code cache_set} / {@code cache_get}; backend failures throw {@link CapabilityException}. */
public interface CacheCapability {
    /** Stores a value; {@code ttlSeconds <= 0} means no expiry. */
    void set(String key, byte[] value, int ttlSeconds);

    Optional<byte[]> get(String key);
}
