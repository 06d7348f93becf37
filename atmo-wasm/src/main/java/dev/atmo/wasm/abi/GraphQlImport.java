package dev.atmo.wasm.abi;

import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.GraphQlCapability;
import java.util.Optional;

/** {@code graphql_query}: ABI A answers -1 to any failure, ABI B hands the guest the error text. */
final class GraphQlImport {
    private GraphQlImport() {
    }

    static long graphqlQuery(Invocation inv, GuestMemory memory, long[] a) {
        if (inv.slotPending()) {
            return -1;
        }
        String endpoint = memory.readString(a[0], a[1]);
        String query = memory.readString(a[2], a[3]);
        Optional<GraphQlCapability> graphql = inv.capabilities().graphql();
        if (graphql.isEmpty()) {
            return inv.fail(-1, Invocation.NOT_ENABLED);
        }
        try {
            return inv.fillSlot(graphql.get().query(endpoint, query, inv.info()));
        } catch (CapabilityException e) {
            return inv.fail(-1, e.getMessage());
        }
    }
}
