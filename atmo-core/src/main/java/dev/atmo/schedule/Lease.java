package dev.atmo.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * The right to run one schedule: held by every process when schedules are per process, by one process at a time
 * when they are shared across a cluster. It also carries when the schedule last ran, so a process that takes
 * over keeps the period.
 */
public interface Lease {

    /** Whether this process may run the schedule now. */
    boolean held();

    /** When the schedule last started a run, here or, as far as this process knows, in another process. */
    Optional<Instant> lastRun();

    /** Records that this process starts a run now. */
    void ran(Instant at);
}
