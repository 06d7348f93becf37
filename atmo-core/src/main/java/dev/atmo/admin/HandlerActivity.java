package dev.atmo.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one route or stream handler served lately: requests, errors and latencies in fixed time slots (a ring of
 * {@code slots} slots of {@code slotLength} each), plus totals since the server started. Recording allocates
 * nothing: it finds the slot for the clock's time, clears it when the ring has come round to it again, and counts.
 */
public final class HandlerActivity {
    private final String kind;
    private final String name;
    private final Clock clock;
    private final long slotMillis;
    private final int slots;
    /** The slot number (time / slot length) each ring position counts now; -1 before its first use. */
    private final AtomicLongArray epochs;
    private final AtomicLongArray requests;
    private final AtomicLongArray errors;
    private final AtomicLongArray latencies;
    private final LongAdder totalRequests = new LongAdder();
    private final LongAdder totalErrors = new LongAdder();

    HandlerActivity(String kind, String name, Clock clock, Duration slotLength, int slots) {
        if (slotLength.toMillis() < 1 || slots < 1) {
            throw new IllegalArgumentException("activity needs at least one slot of at least 1 ms, got " + slots
                    + " of " + slotLength);
        }
        this.kind = kind;
        this.name = name;
        this.clock = clock;
        this.slotMillis = slotLength.toMillis();
        this.slots = slots;
        this.epochs = new AtomicLongArray(slots);
        for (int i = 0; i < slots; i++) {
            epochs.set(i, -1);
        }
        this.requests = new AtomicLongArray(slots);
        this.errors = new AtomicLongArray(slots);
        this.latencies = new AtomicLongArray(slots * LatencyHistogram.BUCKETS);
    }

    /** Counts one request or message that took {@code nanos}; {@code failed} counts it as an error too. */
    public void record(long nanos, boolean failed) {
        long slot = clock.millis() / slotMillis;
        int position = (int) (slot % slots);
        if (epochs.get(position) != slot) {
            turnTo(position, slot);
        }
        requests.incrementAndGet(position);
        latencies.incrementAndGet(position * LatencyHistogram.BUCKETS + LatencyHistogram.bucket(nanos));
        totalRequests.increment();
        if (failed) {
            errors.incrementAndGet(position);
            totalErrors.increment();
        }
    }

    /*
     * Clears a position before it counts a new slot. The slot number is published last, so a recorder that sees it
     * counts into a cleared position; one that raced past the check with the old number counts into the old slot.
     */
    private synchronized void turnTo(int position, long slot) {
        if (epochs.get(position) >= slot) {
            return;
        }
        requests.set(position, 0);
        errors.set(position, 0);
        for (int i = 0; i < LatencyHistogram.BUCKETS; i++) {
            latencies.set(position * LatencyHistogram.BUCKETS + i, 0);
        }
        epochs.set(position, slot);
    }

    /** The counts of every slot of the window that ends now, oldest first, with the window's percentiles. */
    public HandlerStatus status() {
        long now = clock.millis() / slotMillis;
        List<HandlerStatus.Slot> window = new ArrayList<>(slots);
        long[] merged = new long[LatencyHistogram.BUCKETS];
        long windowRequests = 0;
        long windowErrors = 0;
        for (long slot = now - slots + 1; slot <= now; slot++) {
            int position = (int) Math.floorMod(slot, (long) slots);
            long count = 0;
            long failed = 0;
            if (slot >= 0 && epochs.get(position) == slot) {
                count = requests.get(position);
                failed = errors.get(position);
                for (int i = 0; i < LatencyHistogram.BUCKETS; i++) {
                    merged[i] += latencies.get(position * LatencyHistogram.BUCKETS + i);
                }
            }
            windowRequests += count;
            windowErrors += failed;
            window.add(new HandlerStatus.Slot(Instant.ofEpochMilli(slot * slotMillis), count, failed));
        }
        LatencyHistogram histogram = LatencyHistogram.of(merged);
        return new HandlerStatus(kind, name, windowRequests, windowErrors, totalRequests.sum(), totalErrors.sum(),
                histogram.percentile(0.5), histogram.percentile(0.99), Duration.ofMillis(slotMillis * slots), window);
    }
}
