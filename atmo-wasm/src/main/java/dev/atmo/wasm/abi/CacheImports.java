package dev.atmo.wasm.abi;

import dev.atmo.wasm.host.CacheCapability;
import dev.atmo.wasm.host.CapabilityException;
import java.util.Optional;

/** {@code cache_set} and {@code cache_get} over the process-wide cache. */
final class CacheImports {
    private CacheImports() {
    }

    static long cacheSet(Invocation inv, GuestMemory memory, long[] a) {
        String key = memory.readString(a[0], a[1]);
        byte[] value = memory.read(a[2], a[3]);
        Optional<CacheCapability> cache = inv.capabilities().cache();
        if (cache.isEmpty()) {
            return -2;
        }
        try {
            cache.get().set(key, value, (int) a[4]);
            return 0;
        } catch (CapabilityException e) {
            return -2;
        }
    }

    static long cacheGet(Invocation inv, GuestMemory memory, long[] a) {
        if (inv.slotPending()) {
            return -1;
        }
        String key = memory.readString(a[0], a[1]);
        Optional<CacheCapability> cache = inv.capabilities().cache();
        if (cache.isEmpty()) {
            return inv.fail(-2, Invocation.NOT_ENABLED);
        }
        try {
            Optional<byte[]> value = cache.get().get(key);
            if (value.isEmpty()) {
                return inv.fail(-2, "key not found");
            }
            return inv.fillSlot(value.get());
        } catch (CapabilityException e) {
            return inv.fail(-2, e.getMessage());
        }
    }
}
