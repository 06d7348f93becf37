package dev.atmo.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One route or stream handler as the admin page shows it.
 *
 * @param kind          {@code http}, {@code websocket} or {@code nats}
 * @param name          the method and path of a route, the path of a websocket, the subject of a NATS handler
 * @param requests      requests or messages in the window
 * @param errors        those of them that failed (a 5xx status, a failed message)
 * @param totalRequests requests since the server started
 * @param totalErrors   errors since the server started
 * @param p50           the median latency in the window, empty when there were no requests
 * @param p99           the 99th percentile latency in the window, empty when there were no requests
 * @param window        how far back the counts go
 * @param slots         the window's counts slot by slot, oldest first
 */
public record HandlerStatus(String kind, String name, long requests, long errors, long totalRequests,
                            long totalErrors, Optional<Duration> p50, Optional<Duration> p99, Duration window,
                            List<Slot> slots) {

    public HandlerStatus {
        slots = List.copyOf(slots);
    }

    /** The counts of one time slot, starting at {@code start}. */
    public record Slot(Instant start, long requests, long errors) {
    }
}
