package dev.atmo.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ActivityTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final TestClock clock = new TestClock(START);
    private final Activity activity = new Activity(clock, Activity.SLOT, Activity.SLOTS);

    @Test
    void keepsTheLastErrorsOfEachRunnableNewestFirst() {
        IntStream.range(0, Activity.ERRORS_KEPT + 2).forEach(i -> {
            activity.runnableFailed("app#default::fails@v1", "req-" + i, "failure " + i);
            clock.advance(Duration.ofSeconds(1));
        });

        assertThat(activity.errors("app#default::fails@v1")).hasSize(Activity.ERRORS_KEPT).first()
                .isEqualTo(new RunnableFailure(START.plusSeconds(11), "req-11", "failure 11"));
        assertThat(activity.errors("app#default::fails@v1")).last()
                .isEqualTo(new RunnableFailure(START.plusSeconds(2), "req-2", "failure 2"));
        assertThat(activity.errors("app#default::other@v1")).isEmpty();
    }

    @Test
    void theBundleServesSinceItsLastSuccessfulLoad() {
        assertThat(activity.servingSince()).isEmpty();
        activity.bundleLoaded(true, "loaded");
        clock.advance(Duration.ofMinutes(1));
        activity.bundleLoaded(false, "Directive.yaml:3: bad");
        assertThat(activity.servingSince()).contains(START);
        clock.advance(Duration.ofMinutes(1));
        activity.bundleLoaded(true, "reloaded");

        assertThat(activity.servingSince()).contains(START.plusSeconds(120));
        assertThat(activity.loads()).containsExactly(
                new BundleLoad(START.plusSeconds(120), true, "reloaded"),
                new BundleLoad(START.plusSeconds(60), false, "Directive.yaml:3: bad"),
                new BundleLoad(START, true, "loaded"));
    }
}
