package dev.atmo.schedule;

import dev.atmo.directive.Schedule;
import dev.atmo.sequence.JobRequest;
import dev.atmo.sequence.Sequence;
import dev.atmo.sequence.SequenceException;
import dev.atmo.sequence.SequenceResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each schedule's steps every period: the first run at start-up, runs of one schedule never overlap
 * (a run longer than the period delays the next), errors logged and the result discarded.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.schedule");
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * Starts one virtual thread per schedule.
     *
     * @param sequences builds the sequence of a schedule's steps
     */
    public static Scheduler start(List<Schedule> schedules, Function<Schedule, Sequence> sequences) {
        Scheduler scheduler = new Scheduler();
        for (Schedule schedule : schedules) {
            Sequence sequence = sequences.apply(schedule);
            scheduler.threads.add(Thread.ofVirtual().name("schedule-" + schedule.name())
                    .start(() -> scheduler.loop(schedule, sequence)));
        }
        return scheduler;
    }

    private void loop(Schedule schedule, Sequence sequence) {
        Duration period = schedule.every().period();
        while (!stopped) {
            long started = System.nanoTime();
            runOnce(schedule, sequence);
            long waitNanos = period.toNanos() - (System.nanoTime() - started);
            if (waitNanos > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(waitNanos));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Runs a schedule's steps once with its initial state; never throws. */
    public static void runOnce(Schedule schedule, Sequence sequence) {
        Map<String, byte[]> state = new LinkedHashMap<>();
        schedule.state().forEach((k, v) -> state.put(k, v.getBytes(StandardCharsets.UTF_8)));
        JobRequest request = JobRequest.builder().method("SCHED").url(schedule.name()).state(state).build();
        LOG.info("executing schedule {} request_id={}", schedule.name(), request.id());
        try {
            SequenceResult result = sequence.run(request);
            if (result instanceof SequenceResult.Failed failed) {
                LOG.warn("schedule {} returned an error: {} {}: {}", schedule.name(), failed.fn(),
                        failed.error().code(), failed.error().message());
            }
        } catch (SequenceException e) {
            LOG.warn("schedule {} failed: {}", schedule.name(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("schedule {} failed", schedule.name(), e);
        }
    }

    @Override
    public void close() {
        stopped = true;
        threads.forEach(Thread::interrupt);
    }
}
