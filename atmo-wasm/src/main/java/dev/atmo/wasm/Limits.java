package dev.atmo.wasm;

import java.time.Duration;

/**
 * The bounds every Runnable runs within.
 *
 * @param deadline     how long one invocation may run before it is interrupted (default 30 s); on
 *                     {@link GuestThreads} counted from when the job became ready, and it bounds an instance's
 *                     start-up code as well
 * @param maxMemoryPages cap on a guest's linear memory in 64 KiB pages (default 1024 = 64 MiB)
 * @param maxInstances how many instances of one Runnable may exist at once (default: processors × 2, at least 4)
 * @param prewarm      how many instances are created when the Runnable is loaded (default 1)
 * @param poolWait     how long a caller waits for a free instance before a busy error (default 10 s)
 * @param quickBudget  how long a run in place on a thread that must not be held (an event loop) may take
 *                     before it is stopped and the job is run on its own thread instead (default 5 ms;
 *                     zero turns runs in place off)
 */
public record Limits(Duration deadline, int maxMemoryPages, int maxInstances, int prewarm, Duration poolWait,
                     Duration quickBudget) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_MEMORY_PAGES = 1024;
    public static final int DEFAULT_PREWARM = 1;
    public static final Duration DEFAULT_POOL_WAIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_QUICK_BUDGET = Duration.ofMillis(5);

    public Limits {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
        if (maxMemoryPages < 1 || maxMemoryPages > 65536) {
            throw new IllegalArgumentException("maxMemoryPages must be within 1..65536, got " + maxMemoryPages);
        }
        if (maxInstances < 1) {
            throw new IllegalArgumentException("maxInstances must be at least 1, got " + maxInstances);
        }
        if (prewarm < 0 || prewarm > maxInstances) {
            throw new IllegalArgumentException("prewarm must be within 0.." + maxInstances + ", got " + prewarm);
        }
        if (poolWait.isNegative()) {
            throw new IllegalArgumentException("poolWait must not be negative, got " + poolWait);
        }
        if (quickBudget.isNegative() || quickBudget.compareTo(deadline) > 0) {
            throw new IllegalArgumentException("quickBudget must be within 0.." + deadline.toMillis() + " ms, got "
                    + quickBudget.toMillis() + " ms");
        }
    }

    public static int defaultMaxInstances() {
        return Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    }

    public static Limits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().withDeadline(deadline).withMaxMemoryPages(maxMemoryPages)
                .withMaxInstances(maxInstances).withPrewarm(prewarm).withPoolWait(poolWait)
                .withQuickBudget(quickBudget);
    }

    /** Builds {@link Limits}; every option starts at its documented default. */
    public static final class Builder {
        private Duration deadline = DEFAULT_DEADLINE;
        private int maxMemoryPages = DEFAULT_MAX_MEMORY_PAGES;
        private int maxInstances = defaultMaxInstances();
        private int prewarm = DEFAULT_PREWARM;
        private Duration poolWait = DEFAULT_POOL_WAIT;
        private Duration quickBudget = DEFAULT_QUICK_BUDGET;

        private Builder() {
        }

        public Builder withDeadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder withMaxMemoryPages(int pages) {
            this.maxMemoryPages = pages;
            return this;
        }

        public Builder withMaxInstances(int instances) {
            this.maxInstances = instances;
            return this;
        }

        public Builder withPrewarm(int prewarm) {
            this.prewarm = prewarm;
            return this;
        }

        public Builder withPoolWait(Duration poolWait) {
            this.poolWait = poolWait;
            return this;
        }

        public Builder withQuickBudget(Duration quickBudget) {
            this.quickBudget = quickBudget;
            return this;
        }

        public Limits build() {
            return new Limits(deadline, maxMemoryPages, maxInstances, Math.min(prewarm, maxInstances), poolWait,
                    quickBudget.compareTo(deadline) > 0 ? deadline : quickBudget);
        }
    }
}
