package dev.atmo.schedule;

import dev.atmo.directive.Schedule;

/**
 * Where the leases of a Directive's schedules come from: {@link #local()} lets every process run every schedule;
 * {@link NatsLeases} lets one process of a cluster run each schedule.
 */
public interface Leases extends AutoCloseable {

    /** The lease of one schedule; asked once per schedule when the scheduler starts. */
    Lease lease(Schedule schedule);

    /** Whether the leases can be renewed and taken now: always for local ones, while connected for shared ones. */
    default boolean connected() {
        return true;
    }

    /** Gives up every lease this process holds, so another process can take over at once. */
    @Override
    void close();

    /** Leases that are always held: each process runs every schedule on its own. */
    static Leases local() {
        return new LocalLeases();
    }
}
