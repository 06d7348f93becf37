package dev.atmo.schedule;

import dev.atmo.admin.AdminStatus;
import dev.atmo.directive.Schedule;
import dev.atmo.sequence.JobRequest;
import dev.atmo.sequence.Sequence;
import dev.atmo.sequence.SequenceException;
import dev.atmo.sequence.SequenceResult;
import dev.atmo.trace.TraceScope;
import dev.atmo.trace.TraceSpan;
import dev.atmo.trace.Tracing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each schedule's steps every period while this process holds the schedule's {@link Lease}: the first run
 * as soon as the lease is held (at start-up with {@link Leases#local()}), runs of one schedule never overlap
 * (a run longer than the period delays the next), errors logged and the result discarded.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.schedule");
    /** How often a process that does not hold a lease looks again. */
    private static final Duration TICK = Duration.ofSeconds(1);
    private final Leases leases;
    private final Tracing tracing;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, AtomicLong> runs = new ConcurrentHashMap<>();
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    private Scheduler(Leases leases, Tracing tracing) {
        this.leases = leases;
        this.tracing = tracing;
    }

    /**
     * Starts one virtual thread per schedule; every process runs every schedule.
     *
     * @param sequences builds the sequence of a schedule's steps
     */
    public static Scheduler start(List<Schedule> schedules, Function<Schedule, Sequence> sequences) {
        return start(schedules, sequences, Leases.local());
    }

    /**
     * Starts one virtual thread per schedule, running it only while this process holds its lease; closing the
     * scheduler closes the leases.
     *
     * @param sequences builds the sequence of a schedule's steps
     */
    public static Scheduler start(List<Schedule> schedules, Function<Schedule, Sequence> sequences,
                                  Leases leases) {
        return start(schedules, sequences, leases, Tracing.off());
    }

    /** As {@link #start(List, Function, Leases)}, each run the root span of its steps' spans. */
    public static Scheduler start(List<Schedule> schedules, Function<Schedule, Sequence> sequences,
                                  Leases leases, Tracing tracing) {
        Scheduler scheduler = new Scheduler(leases, tracing);
        for (Schedule schedule : schedules) {
            Sequence sequence = sequences.apply(schedule);
            Lease lease = leases.lease(schedule);
            AtomicLong count = scheduler.runs.computeIfAbsent(schedule.name(), n -> new AtomicLong());
            Tracked state = scheduler.tracked.computeIfAbsent(schedule.name(), n -> new Tracked(schedule, lease));
            scheduler.threads.add(Thread.ofVirtual().name("schedule-" + schedule.name())
                    .start(() -> scheduler.loop(schedule, sequence, lease, count, state)));
        }
        return scheduler;
    }

    /** How many runs of the named schedule this process has started; 0 for a schedule it does not know. */
    public long runs(String schedule) {
        AtomicLong count = runs.get(schedule);
        return count == null ? 0 : count.get();
    }

    /** Whether the schedules' leases can be renewed and taken now (see {@link Leases#connected()}). */
    public boolean connected() {
        return leases.connected();
    }

    /** Each schedule's last run here and its outcome, and its next run here while this process holds it. */
    public List<AdminStatus.ScheduleState> status() {
        return tracked.values().stream().map(Tracked::status)
                .sorted(Comparator.comparing(AdminStatus.ScheduleState::name)).toList();
    }

    /** What this process knows of one schedule's runs. */
    private static final class Tracked {
        private final Schedule schedule;
        private final Lease lease;
        private volatile Instant lastRun;
        private volatile String lastOutcome;

        Tracked(Schedule schedule, Lease lease) {
            this.schedule = schedule;
            this.lease = lease;
        }

        AdminStatus.ScheduleState status() {
            Duration period = schedule.every().period();
            Optional<Instant> next = lease.held()
                    ? Optional.of(lease.lastRun().map(last -> last.plus(period)).orElseGet(Instant::now))
                    : Optional.empty();
            return new AdminStatus.ScheduleState(schedule.name(), period, next, Optional.ofNullable(lastRun),
                    Optional.ofNullable(lastOutcome));
        }
    }

    private void loop(Schedule schedule, Sequence sequence, Lease lease, AtomicLong count, Tracked state) {
        Duration period = schedule.every().period();
        while (!stopped) {
            Instant now = Instant.now();
            Duration wait = TICK;
            if (lease.held()) {
                Instant due = lease.lastRun().map(last -> last.plus(period)).orElse(now);
                if (!now.isBefore(due)) {
                    lease.ran(now);
                    count.incrementAndGet();
                    state.lastRun = now;
                    state.lastOutcome = runOnce(schedule, sequence, tracing);
                    continue;
                }
                Duration untilDue = Duration.between(now, due);
                wait = untilDue.compareTo(TICK) < 0 ? untilDue : TICK;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Runs a schedule's steps once with its initial state; never throws: returns {@code ok} or what went wrong. */
    public static String runOnce(Schedule schedule, Sequence sequence) {
        return runOnce(schedule, sequence, Tracing.off());
    }

    /** As {@link #runOnce(Schedule, Sequence)}, in a span {@code schedule <name>} that is the root of a trace. */
    public static String runOnce(Schedule schedule, Sequence sequence, Tracing tracing) {
        Map<String, byte[]> state = new LinkedHashMap<>();
        schedule.state().forEach((k, v) -> state.put(k, v.getBytes(StandardCharsets.UTF_8)));
        JobRequest request = JobRequest.builder().method("SCHED").url(schedule.name()).state(state).build();
        TraceSpan span = tracing.enabled() ? tracing.internal("schedule " + schedule.name())
                .attribute("atmo.schedule", schedule.name()).attribute("atmo.request_id", request.id())
                : TraceSpan.none();
        try (TraceScope scope = span.enter()) {
            LOG.info("executing schedule {} request_id={}", schedule.name(), request.id());
            SequenceResult result = sequence.run(request);
            if (result instanceof SequenceResult.Failed failed) {
                span.error(failed.error().message());
                LOG.warn("schedule {} returned an error: {} {}: {}", schedule.name(), failed.fn(),
                        failed.error().code(), failed.error().message());
                return failed.fn() + " returned error " + failed.error().code() + ": " + failed.error().message();
            }
            return "ok";
        } catch (SequenceException e) {
            span.error(e.getMessage());
            LOG.warn("schedule {} failed: {}", schedule.name(), e.getMessage());
            return "failed: " + e.getMessage();
        } catch (RuntimeException e) {
            span.error(e.toString());
            LOG.error("schedule {} failed", schedule.name(), e);
            return "failed: " + e;
        } finally {
            span.end();
        }
    }

    @Override
    public void close() {
        stopped = true;
        threads.forEach(Thread::interrupt);
        leases.close();
    }
}
