package dev.atmo.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HandlerActivityTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final TestClock clock = new TestClock(START);
    private final Activity activity = new Activity(clock, Duration.ofSeconds(10), 3);

    @Test
    void countsRequestsErrorsAndPercentilesInTheWindow() {
        HandlerActivity route = activity.handler("http", "POST /hello");
        for (int i = 0; i < 99; i++) {
            route.record(1_000_000, false);
        }
        route.record(100_000_000, true);

        HandlerStatus status = route.status();
        assertThat(status.kind()).isEqualTo("http");
        assertThat(status.name()).isEqualTo("POST /hello");
        assertThat(status.requests()).isEqualTo(100);
        assertThat(status.errors()).isEqualTo(1);
        assertThat(status.p50()).contains(Duration.ofNanos(1_048_576));
        assertThat(status.p99()).contains(Duration.ofNanos(1_048_576));
        assertThat(status.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(status.slots()).extracting(HandlerStatus.Slot::requests).containsExactly(0L, 0L, 100L);
        assertThat(status.slots()).extracting(HandlerStatus.Slot::start).containsExactly(
                START.minusSeconds(20), START.minusSeconds(10), START);
    }

    @Test
    void slotsRotateOutOfTheWindowWhileTotalsStay() {
        HandlerActivity route = activity.handler("nats", "orders.new");
        route.record(5_000, false);
        clock.advance(Duration.ofSeconds(10));
        route.record(5_000, true);
        route.record(5_000, false);
        clock.advance(Duration.ofSeconds(10));
        route.record(5_000, false);

        assertThat(route.status().slots()).extracting(HandlerStatus.Slot::requests).containsExactly(1L, 2L, 1L);
        assertThat(route.status().slots()).extracting(HandlerStatus.Slot::errors).containsExactly(0L, 1L, 0L);

        // the ring comes round to the first slot's position: it starts again from zero
        clock.advance(Duration.ofSeconds(10));
        route.record(5_000, false);
        HandlerStatus status = route.status();
        assertThat(status.slots()).extracting(HandlerStatus.Slot::requests).containsExactly(2L, 1L, 1L);
        assertThat(status.requests()).isEqualTo(4);
        assertThat(status.errors()).isEqualTo(1);
        assertThat(status.totalRequests()).isEqualTo(5);
        assertThat(status.totalErrors()).isEqualTo(1);

        // nothing for longer than the window: every slot is empty, and so are the percentiles
        clock.advance(Duration.ofMinutes(5));
        HandlerStatus idle = route.status();
        assertThat(idle.requests()).isZero();
        assertThat(idle.slots()).extracting(HandlerStatus.Slot::requests).containsExactly(0L, 0L, 0L);
        assertThat(idle.p50()).isEmpty();
        assertThat(idle.totalRequests()).isEqualTo(5);
    }

    @Test
    void theSameHandlerIsCountedByOneObject() {
        assertThat(activity.handler("http", "GET /a")).isSameAs(activity.handler("http", "GET /a"));
        assertThat(activity.handler("http", "GET /a")).isNotSameAs(activity.handler("websocket", "GET /a"));
    }

    /**
     * The cost of one record, measured without a harness: on an idle core it is tens of nanoseconds. The bound is
     * ten times that so a busy shared machine does not fail it; it still catches an allocation or a lock per call.
     */
    @Test
    void recordingIsCheap() {
        HandlerActivity route = new Activity().handler("http", "GET /cost");
        for (int i = 0; i < 2_000_000; i++) {
            route.record(i & 0xffff, false);
        }
        int n = 5_000_000;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                route.record(i & 0xffff, (i & 1023) == 0);
            }
            best = Math.min(best, (System.nanoTime() - start) / n);
        }
        System.out.println("HandlerActivity.record: " + best + " ns per request (best of 5 rounds)");
        assertThat(best).isLessThan(1000);
    }
}
