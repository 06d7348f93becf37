package dev.atmo.capability;

/**
 * Bounds of the in-memory cache besides its entry count (which the Directive's {@code capabilities.cache.maxEntries}
 * sets).
 *
 * @param maxBytes      keys and values together; least recently used entries are evicted past it
 * @param maxValueBytes one value; a larger {@code cache_set} fails for the guest
 */
public record CacheLimits(long maxBytes, int maxValueBytes) {
    public CacheLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the cache's byte bound must be at least 1, got " + maxBytes);
        }
        if (maxValueBytes < 0 || maxValueBytes > maxBytes) {
            throw new IllegalArgumentException("the cache's bound per value must be within 0.." + maxBytes
                    + " (its bound in all), got " + maxValueBytes);
        }
    }

    public static CacheLimits defaults() {
        return new CacheLimits(MemoryCache.DEFAULT_MAX_BYTES, MemoryCache.DEFAULT_MAX_VALUE_BYTES);
    }
}
