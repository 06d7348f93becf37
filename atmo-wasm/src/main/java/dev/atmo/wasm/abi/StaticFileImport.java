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
        boolean b = inv.abi() == AbiVersion.B;
        String name = memory.readString(a[0], a[1]);
        Optional<FileCapability> files = inv.capabilities().files();
        if (files.isEmpty()) {
            return b ? inv.failWithText(HttpImport.NOT_ENABLED) : -2;
        }
        try {
            Optional<byte[]> file = files.get().read(name);
            if (file.isEmpty()) {
                return b ? inv.failWithText("file does not exist") : -3;
            }
            return inv.fillSlot(file.get());
        } catch (CapabilityException e) {
            return b ? inv.failWithText(e.getMessage()) : -4;
        }
    }
}
