package dev.atmo.schedule;

import dev.atmo.directive.Schedule;
import java.time.Instant;
import java.util.Optional;

/** Per-process leases: always held, the last run kept in memory. */
final class LocalLeases implements Leases {

    @Override
    public Lease lease(Schedule schedule) {
        return new Lease() {
            private volatile Optional<Instant> lastRun = Optional.empty();

            @Override
            public boolean held() {
                return true;
            }

            @Override
            public Optional<Instant> lastRun() {
                return lastRun;
            }

            @Override
            public void ran(Instant at) {
                lastRun = Optional.of(at);
            }
        };
    }

    @Override
    public void close() {
    }
}
