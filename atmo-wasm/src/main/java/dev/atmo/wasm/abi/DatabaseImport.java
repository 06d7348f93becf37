package dev.atmo.wasm.abi;

import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.DatabaseCapability;
import java.util.List;
import java.util.Optional;

/** {@code db_exec}: runs a declared query with the variables collected by {@code add_ffi_var}. */
final class DatabaseImport {
    private DatabaseImport() {
    }

    static long dbExec(Invocation inv, GuestMemory memory, long[] a) {
        if (inv.slotPending()) {
            return -1;
        }
        String name = memory.readString(a[1], a[2]);
        List<String> variables = inv.takeVariables();
        Optional<DatabaseCapability> db = inv.capabilities().database();
        if (db.isEmpty()) {
            return inv.failWithText(Invocation.NOT_ENABLED);
        }
        int type = (int) a[0];
        if (type < 0 || type > 3) {
            return inv.failWithText("query type invalid");
        }
        try {
            return inv.fillSlot(db.get().execute(type, name, variables, inv.info()));
        } catch (CapabilityException e) {
            return inv.failWithText(e.getMessage());
        }
    }
}
