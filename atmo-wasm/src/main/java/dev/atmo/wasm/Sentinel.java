package dev.atmo.wasm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops quick runs that overrun their budget. A quick run borrows a thread that must not be held long (an
 * event loop), so its budget is milliseconds; arming a timer task per run would wake a timer thread on
 * every run. Instead each such thread owns one reusable {@link Ticket}, and one daemon thread looks at the
 * armed tickets every {@link #PERIOD} while quick runs happen, and sleeps when none have for a second.
 *
 * <p>Wall time alone would stop runs that were merely waiting for a processor (a busy machine, other
 * threads on the same core, a garbage collection), so a run is stopped only when, after its budget of wall
 * time, its thread has also used the budget again in processor time: a run that keeps computing. A run
 * still going after {@link #WALL_CAP} budgets of wall time is stopped whatever its processor time (a guest
 * that waits, for instance in WASI's {@code poll_oneoff}).
 */
final class Sentinel {
    static final Duration PERIOD = Duration.ofMillis(2);
    static final int WALL_CAP = 20;
    private static final long IDLE_NANOS = Duration.ofSeconds(1).toNanos();
    private static final List<Ticket> TICKETS = new CopyOnWriteArrayList<>();
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<Ticket> OWN = ThreadLocal.withInitial(Sentinel::register);
    private static final Thread WATCHER = Thread.ofPlatform().daemon().name("atmo-wasm-sentinel")
            .start(Sentinel::watch);
    private static volatile boolean sleeping;
    private static volatile long lastArmed;

    private Sentinel() {
    }

    /** Arms the calling thread's ticket: the thread is interrupted once {@code budget} has passed. */
    static Ticket arm(Duration budget) {
        Ticket ticket = OWN.get();
        long now = System.nanoTime();
        ticket.arm(now, budget.toNanos());
        lastArmed = now;
        if (sleeping) {
            sleeping = false;
            LockSupport.unpark(WATCHER);
        }
        return ticket;
    }

    private static Ticket register() {
        Ticket ticket = new Ticket(Thread.currentThread());
        TICKETS.add(ticket);
        return ticket;
    }

    private static void watch() {
        while (true) {
            long now = System.nanoTime();
            TICKETS.removeIf(t -> !t.thread.isAlive());
            for (Ticket ticket : TICKETS) {
                ticket.fireIfDue(now);
            }
            if (now - lastArmed > IDLE_NANOS) {
                sleeping = true;
                if (now - lastArmed > IDLE_NANOS) {
                    LockSupport.park();
                }
                sleeping = false;
            } else {
                LockSupport.parkNanos(PERIOD.toNanos());
            }
        }
    }

    /** One thread's quick-run alarm; armed by that thread only, fired by the sentinel. */
    static final class Ticket implements Alarm {
        private static final long UNMARKED = -1;
        private final Thread thread;
        private boolean armed;
        private boolean fired;
        private long due;
        private long budget;
        private long cpuMark = UNMARKED;

        private Ticket(Thread thread) {
            this.thread = thread;
        }

        private synchronized void arm(long now, long budgetNanos) {
            due = now + budgetNanos;
            budget = budgetNanos;
            cpuMark = UNMARKED;
            fired = false;
            armed = true;
        }

        private synchronized void fireIfDue(long now) {
            if (!armed || now - due < 0) {
                return;
            }
            long cpu = CPU.getThreadCpuTime(thread.threadId());
            boolean spent;
            if (now - due >= (WALL_CAP - 1) * budget) {
                spent = true;
            } else if (cpu < 0) {
                spent = now - due >= budget; // no processor clock here: wall time only
            } else if (cpuMark == UNMARKED) {
                cpuMark = cpu;
                spent = false;
            } else {
                spent = cpu - cpuMark >= budget;
            }
            if (spent) {
                armed = false;
                fired = true;
                thread.interrupt();
            }
        }

        @Override
        public synchronized boolean disarm() {
            armed = false;
            if (fired) {
                Thread.interrupted();
            }
            return fired;
        }
    }
}
