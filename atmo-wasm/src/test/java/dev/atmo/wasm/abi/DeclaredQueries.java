package dev.atmo.wasm.abi;

import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.DatabaseCapability;
import dev.atmo.wasm.host.InvocationInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A database with a few declared queries answering fixed JSON built from their variables; the checks and error
 * texts are those of the original host (unknown name, wrong type, wrong variable count).
 */
final class DeclaredQueries implements DatabaseCapability {
    static final int INSERT = 0;
    static final int SELECT = 1;
    static final int UPDATE = 2;
    static final int DELETE = 3;

    private record Query(int type, int variables, Function<List<String>, String> answer) {
    }

    private static final Map<String, Query> QUERIES = Map.of(
            "insertUser", new Query(INSERT, 2, v -> "{\"lastInsertID\":7,\"rowsAffected\":0}"),
            "selectUserWithUUID", new Query(SELECT, 1,
                    v -> "[{\"email\":\"ada@example.com\",\"uuid\":\"" + v.get(0) + "\"}]"),
            "selectNobody", new Query(SELECT, 0, v -> "[]"),
            "updateUserEmail", new Query(UPDATE, 2, v -> "{\"lastInsertID\":0,\"rowsAffected\":1}"),
            "deleteUser", new Query(DELETE, 1, v -> "{\"lastInsertID\":0,\"rowsAffected\":1}"));

    @Override
    public byte[] execute(int queryType, String queryName, List<String> variables, InvocationInfo caller) {
        Query query = QUERIES.get(queryName);
        if (query == null) {
            throw new CapabilityException("query not found");
        }
        if (query.type() != queryType) {
            throw new CapabilityException("query type incorrect");
        }
        if (query.variables() != variables.size()) {
            throw new CapabilityException("number of variables incorrect: expected " + query.variables()
                    + " variables, got " + variables.size());
        }
        return query.answer().apply(variables).getBytes(StandardCharsets.UTF_8);
    }
}
