package dev.atmo.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * What a lease entry in the key-value bucket says, as JSON an operator can read with {@code nats kv get}:
 * {@code {"holder":"host/pid/id","lastRun":"2026-01-01T00:00:00Z"}}. An empty holder means the last holder
 * released the lease on shutdown.
 *
 * @param holder  the process holding the lease, empty when released
 * @param lastRun when the schedule last started a run, if ever
 */
record LeaseValue(String holder, Optional<Instant> lastRun) {
    private static final ObjectMapper JSON = new ObjectMapper();

    boolean released() {
        return holder.isEmpty();
    }

    byte[] bytes() {
        ObjectNode node = JSON.createObjectNode().put("holder", holder);
        lastRun.ifPresent(at -> node.put("lastRun", at.toString()));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads an entry; one that is not a lease written by Atmo counts as released with no last run. */
    static LeaseValue parse(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            String holder = node.path("holder").asText("");
            Optional<Instant> lastRun = node.hasNonNull("lastRun")
                    ? Optional.of(Instant.parse(node.get("lastRun").asText()))
                    : Optional.empty();
            return new LeaseValue(holder, lastRun);
        } catch (IOException | DateTimeException e) {
            return new LeaseValue("", Optional.empty());
        }
    }
}
