package dev.atmo.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the admin page shows, at one moment: built by the server, rendered as HTML by {@link StatusPage}
 * and as JSON by {@link StatusJson}.
 */
public record AdminStatus(Instant time, BundleState bundle, List<HandlerStatus> handlers, List<RunnableState> runnables,
                          List<ConnectionState> connections, List<ScheduleState> schedules) {

    public AdminStatus {
        handlers = List.copyOf(handlers);
        runnables = List.copyOf(runnables);
        connections = List.copyOf(connections);
        schedules = List.copyOf(schedules);
    }

    /**
     * The bundle that serves.
     *
     * @param loadedAt when it was loaded, empty while none is
     * @param loads    the load history, newest first
     */
    public record BundleState(String identifier, String appVersion, String source, Optional<Instant> loadedAt,
                         List<BundleLoad> loads) {
        public BundleState {
            loads = List.copyOf(loads);
        }
    }

    /**
     * One Runnable of the bundle.
     *
     * @param abi         the ABI generation, {@code A} or {@code B}
     * @param language    the language it was written in as its module or its declaration says, else {@code unknown}
     * @param moduleBytes the size of its {@code .wasm} module
     * @param compiled    whether new instances run compiled code (false: the interpreter)
     * @param errors      its last errors, newest first
     */
    public record RunnableState(String name, String fqfn, String abi, String language, long moduleBytes, boolean compiled,
                           Pool pool, List<RunnableFailure> errors) {
        public RunnableState {
            errors = List.copyOf(errors);
        }
    }

    /** A Runnable's instance pool: instances running a job, instances ready, and the most there may be. */
    public record Pool(int inUse, int idle, int max) {
    }

    /** A connection of the Directive: {@code nats}, {@code redis} or {@code database}, and whether it is up. */
    public record ConnectionState(String kind, String address, boolean up) {
    }

    /**
     * One schedule.
     *
     * @param nextRun     when this process runs it next, empty when another process holds it or none runs here
     * @param lastRun     when it last ran here, empty before its first run here
     * @param lastOutcome {@code ok} or what went wrong in the last run here
     */
    public record ScheduleState(String name, Duration every, Optional<Instant> nextRun, Optional<Instant> lastRun,
                           Optional<String> lastOutcome) {
    }
}
