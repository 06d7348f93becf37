package dev.atmo.schedule;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One schedule's lease in the key-value bucket. The holder rewrites its entry on every heartbeat, checking the
 * revision it last wrote, so a process that lost the lease finds out instead of overwriting the new holder; the
 * bucket's max age removes the entry of a holder that stopped writing, and the next {@code create} wins it.
 * Every process keeps the last run it saw in the entry, so whoever takes over keeps the period.
 */
final class NatsLease extends RecordedLease {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.schedule");

    private final String schedule;
    private final String key;
    private final String holder;
    private long revision;
    private volatile long heldUntilNanos;
    private volatile boolean holding;
    private volatile KeyValue lastBucket;
    private volatile Duration lastValidity = Duration.ZERO;

    NatsLease(String schedule, String key, String holder) {
        this.schedule = schedule;
        this.key = key;
        this.holder = holder;
    }

    String key() {
        return key;
    }

    @Override
    public boolean held() {
        return holding && System.nanoTime() - heldUntilNanos < 0;
    }

    /** Records the run and writes it to the entry at once, so a process taking over sees it even if this one dies. */
    @Override
    public void ran(Instant at) {
        super.ran(at);
        KeyValue bucket = lastBucket;
        if (bucket != null) {
            try {
                refresh(bucket, lastValidity);
            } catch (IOException e) {
                LOG.debug("schedule {}: the last run reaches the lease {} with the next heartbeat: {}", schedule, key,
                        e.toString());
            }
        }
    }

    /**
     * Renews the lease when held, else tries to take it; {@code validity} is how long a written entry is trusted
     * here, shorter than the bucket's max age so this process stops running before another can take over.
     */
    synchronized void refresh(KeyValue bucket, Duration validity) throws IOException {
        lastBucket = bucket;
        lastValidity = validity;
        long sent = System.nanoTime();
        try {
            if (revision > 0) {
                revision = bucket.update(key, new LeaseValue(holder, lastRun()).bytes(), revision);
            } else {
                acquire(bucket);
            }
            if (revision > 0) {
                heldUntilNanos = sent + validity.toNanos();
                holding = true;
            }
        } catch (JetStreamApiException e) {
            if (revision > 0) {
                LOG.info("schedule {}: this process lost the lease {} (it expired or another process took it)",
                        schedule, key);
            }
            revision = 0;
            holding = false;
        }
    }

    private void acquire(KeyValue bucket) throws IOException, JetStreamApiException {
        KeyValueEntry entry = bucket.get(key);
        if (entry == null || entry.getOperation() != KeyValueOperation.PUT) {
            revision = bucket.create(key, new LeaseValue(holder, lastRun()).bytes());
        } else {
            LeaseValue current = LeaseValue.parse(entry.getValue());
            current.lastRun().filter(at -> lastRun().map(at::isAfter).orElse(true)).ifPresent(super::ran);
            if (!current.released() && !current.holder().equals(holder)) {
                return;
            }
            revision = bucket.update(key, new LeaseValue(holder, lastRun()).bytes(), entry.getRevision());
        }
        LOG.info("schedule {}: this process holds the lease {} and runs the schedule for the cluster", schedule, key);
    }

    /** Marks the lease released, keeping the last run, so another process takes over on its next heartbeat. */
    synchronized void release(KeyValue bucket) {
        holding = false;
        if (revision == 0) {
            return;
        }
        try {
            bucket.update(key, new LeaseValue("", lastRun()).bytes(), revision);
        } catch (IOException | JetStreamApiException e) {
            LOG.debug("schedule {}: could not release the lease {}: {}", schedule, key, e.toString());
        }
        revision = 0;
    }
}
