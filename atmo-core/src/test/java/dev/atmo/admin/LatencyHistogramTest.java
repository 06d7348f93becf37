package dev.atmo.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void bucketsAreQuartersOfPowersOfTwo() {
        assertThat(LatencyHistogram.bucket(0)).isZero();
        assertThat(LatencyHistogram.bucket(1023)).isZero();
        assertThat(LatencyHistogram.bucket(1024)).isEqualTo(1);
        assertThat(LatencyHistogram.bucket(1279)).isEqualTo(1);
        assertThat(LatencyHistogram.bucket(1280)).isEqualTo(2);
        assertThat(LatencyHistogram.bucket(2047)).isEqualTo(4);
        assertThat(LatencyHistogram.bucket(2048)).isEqualTo(5);
        assertThat(LatencyHistogram.bucket(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        assertThat(LatencyHistogram.upperBound(0)).isEqualTo(1024);
        assertThat(LatencyHistogram.upperBound(1)).isEqualTo(1280);
        assertThat(LatencyHistogram.upperBound(4)).isEqualTo(2048);
    }

    @Test
    void everyLatencyLiesBelowItsBucketsUpperBoundAndAtOrAboveThePreviousOne() {
        for (long nanos = 1; nanos < 1L << 40; nanos = nanos * 3 / 2 + 1) {
            int bucket = LatencyHistogram.bucket(nanos);
            if (bucket < LatencyHistogram.BUCKETS - 1) {
                assertThat(nanos).isLessThan(LatencyHistogram.upperBound(bucket));
            }
            if (bucket > 0) {
                assertThat(nanos).isGreaterThanOrEqualTo(LatencyHistogram.upperBound(bucket - 1));
            }
        }
    }

    @Test
    void percentilesAreTheUpperBoundsOfTheBucketsHoldingThem() {
        long[] counts = new long[LatencyHistogram.BUCKETS];
        // 98 requests of 1 ms and 2 of 100 ms
        counts[LatencyHistogram.bucket(1_000_000)] = 98;
        counts[LatencyHistogram.bucket(100_000_000)] = 2;
        LatencyHistogram histogram = LatencyHistogram.of(counts);

        assertThat(histogram.count()).isEqualTo(100);
        // 1 ms lies in [917,504, 1,048,576) ns, 100 ms in [83,886,080, 100,663,296) ns
        assertThat(histogram.percentile(0.5)).contains(Duration.ofNanos(1_048_576));
        assertThat(histogram.percentile(0.98)).contains(Duration.ofNanos(1_048_576));
        assertThat(histogram.percentile(0.99)).contains(Duration.ofNanos(100_663_296));
        assertThat(histogram.percentile(1.0)).contains(Duration.ofNanos(100_663_296));
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        assertThat(LatencyHistogram.of(new long[LatencyHistogram.BUCKETS]).percentile(0.99)).isEmpty();
    }
}
