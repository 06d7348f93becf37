package dev.atmo.admin;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Latencies counted in fixed log-scale buckets: four buckets per power of two from 1 µs to about 137 s, so a
 * percentile is known to within a quarter of its power of two without keeping a single sample. Recording is an
 * index computation; {@link HandlerActivity} keeps the counts, this class reads them.
 */
public final class LatencyHistogram {
    private static final int PER_POWER = 4;
    private static final int MIN_SHIFT = 10;
    private static final int MAX_SHIFT = 37;
    /** How many buckets a histogram has: one below 1,024 ns, then four per power of two. */
    public static final int BUCKETS = 1 + (MAX_SHIFT - MIN_SHIFT) * PER_POWER;

    private final long[] counts;
    private final long total;

    private LatencyHistogram(long[] counts) {
        this.counts = counts;
        this.total = Arrays.stream(counts).sum();
    }

    /** A histogram of the given bucket counts, indexed as {@link #bucket(long)} indexes them. */
    public static LatencyHistogram of(long[] counts) {
        if (counts.length != BUCKETS) {
            throw new IllegalArgumentException("a latency histogram has " + BUCKETS + " buckets, got " + counts.length);
        }
        return new LatencyHistogram(counts.clone());
    }

    /** The bucket a latency of {@code nanos} falls in; latencies past the last bucket fall in the last one. */
    public static int bucket(long nanos) {
        if (nanos < 1L << MIN_SHIFT) {
            return 0;
        }
        int shift = 63 - Long.numberOfLeadingZeros(nanos);
        if (shift >= MAX_SHIFT) {
            return BUCKETS - 1;
        }
        // the two bits below the highest one say which quarter of the power of two the latency is in
        int quarter = (int) (nanos >>> (shift - 2)) & (PER_POWER - 1);
        return 1 + (shift - MIN_SHIFT) * PER_POWER + quarter;
    }

    /** The smallest latency, in nanoseconds, above every latency of the bucket. */
    public static long upperBound(int bucket) {
        if (bucket == 0) {
            return 1L << MIN_SHIFT;
        }
        int shift = MIN_SHIFT + (bucket - 1) / PER_POWER;
        int quarter = (bucket - 1) % PER_POWER;
        return (1L << shift) + ((long) (quarter + 1) << (shift - 2));
    }

    public long count() {
        return total;
    }

    /**
     * The latency below which at least {@code fraction} of the recorded ones lie, as the upper bound of the bucket
     * holding it (so never below the true value); empty when nothing was recorded.
     */
    public Optional<Duration> percentile(double fraction) {
        if (fraction <= 0 || fraction > 1) {
            throw new IllegalArgumentException("a percentile is a fraction in (0, 1], got " + fraction);
        }
        if (total == 0) {
            return Optional.empty();
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Optional.of(Duration.ofNanos(upperBound(i)));
            }
        }
        return Optional.of(Duration.ofNanos(upperBound(counts.length - 1)));
    }
}
