package dev.atmo.wasm.abi;

import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.FileCapability;
import java.util.Optional;

/** {@code get_static_file}: ABI A -2 none configured, -3 not found, -4 failure; ABI B error texts. */
final class StaticFileImport {
    private StaticFileImport() {
    }

    static long getStaticFile(Invocation inv, GuestMemory memory, long[] a) {
        if (inv.slotPending()) {
            return -1;
        }
        String name = memory.readString(a[0], a[1]);
        Optional<FileCapability> files = inv.capabilities().files();
        if (files.isEmpty()) {
            return inv.fail(-2, Invocation.NOT_ENABLED);
        }
        try {
            Optional<byte[]> file = files.get().read(name);
            if (file.isEmpty()) {
                return inv.fail(-3, "file does not exist");
            }
            return inv.fillSlot(file.get());
        } catch (CapabilityException e) {
            return inv.fail(-4, e.getMessage());
        }
    }
}
