package dev.atmo.schedule;

import java.time.Instant;
import java.util.Optional;

/** What every lease keeps the same way: the last run this process knows of. */
abstract class RecordedLease implements Lease {
    private volatile Optional<Instant> lastRun = Optional.empty();

    @Override
    public final Optional<Instant> lastRun() {
        return lastRun;
    }

    @Override
    public void ran(Instant at) {
        lastRun = Optional.of(at);
    }
}
