package dev.atmo.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link AdminStatus} as JSON for scripts: times as ISO-8601 strings, latencies in milliseconds, absent values
 * as {@code null}. The shape is documented in docs/observability.md.
 */
public final class StatusJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusJson() {
    }

    public static String write(AdminStatus status) {
        ObjectNode root = JSON.createObjectNode();
        root.put("time", status.time().toString());
        root.set("bundle", bundle(status.bundle()));
        ArrayNode handlers = root.putArray("handlers");
        status.handlers().forEach(h -> handlers.add(handler(h)));
        ArrayNode runnables = root.putArray("runnables");
        status.runnables().forEach(r -> runnables.add(runnable(r)));
        ArrayNode connections = root.putArray("connections");
        status.connections().forEach(c -> connections.addObject()
                .put("kind", c.kind()).put("address", c.address()).put("up", c.up()));
        ArrayNode schedules = root.putArray("schedules");
        for (AdminStatus.ScheduleState s : status.schedules()) {
            ObjectNode schedule = schedules.addObject().put("name", s.name())
                    .put("everySeconds", s.every().toSeconds());
            time(schedule, "nextRun", s.nextRun());
            time(schedule, "lastRun", s.lastRun());
            schedule.put("lastOutcome", s.lastOutcome().orElse(null));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the admin status could not be written as JSON: " + e.getMessage(), e);
        }
    }

    private static ObjectNode bundle(AdminStatus.BundleState bundle) {
        ObjectNode node = JSON.createObjectNode().put("identifier", bundle.identifier())
                .put("appVersion", bundle.appVersion()).put("source", bundle.source());
        time(node, "loadedAt", bundle.loadedAt());
        ArrayNode loads = node.putArray("loads");
        bundle.loads().forEach(l -> loads.addObject().put("time", l.time().toString()).put("ok", l.ok())
                .put("message", l.message()));
        return node;
    }

    private static ObjectNode handler(HandlerStatus handler) {
        ObjectNode node = JSON.createObjectNode().put("kind", handler.kind()).put("name", handler.name())
                .put("requests", handler.requests()).put("errors", handler.errors())
                .put("totalRequests", handler.totalRequests()).put("totalErrors", handler.totalErrors());
        millis(node, "p50Millis", handler.p50());
        millis(node, "p99Millis", handler.p99());
        node.put("windowSeconds", handler.window().toSeconds());
        ArrayNode slots = node.putArray("slots");
        handler.slots().forEach(s -> slots.addObject().put("start", s.start().toString())
                .put("requests", s.requests()).put("errors", s.errors()));
        return node;
    }

    private static ObjectNode runnable(AdminStatus.RunnableState runnable) {
        ObjectNode node = JSON.createObjectNode().put("name", runnable.name()).put("fqfn", runnable.fqfn())
                .put("abi", runnable.abi()).put("language", runnable.language())
                .put("moduleBytes", runnable.moduleBytes()).put("compiled", runnable.compiled());
        node.putObject("pool").put("inUse", runnable.pool().inUse()).put("idle", runnable.pool().idle())
                .put("max", runnable.pool().max());
        ArrayNode errors = node.putArray("errors");
        runnable.errors().forEach(e -> errors.addObject().put("time", e.time().toString())
                .put("requestId", e.requestId()).put("message", e.message()));
        return node;
    }

    private static void time(ObjectNode node, String field, Optional<Instant> time) {
        node.put(field, time.map(Instant::toString).orElse(null));
    }

    private static void millis(ObjectNode node, String field, Optional<Duration> duration) {
        if (duration.isPresent()) {
            node.put(field, duration.get().toNanos() / 1e6);
        } else {
            node.putNull(field);
        }
    }
}
