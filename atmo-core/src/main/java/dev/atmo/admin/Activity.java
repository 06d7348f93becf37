package dev.atmo.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server did lately, kept for the admin page for as long as the server runs (across bundle reloads):
 * each handler's {@link HandlerActivity}, the last errors of each Runnable and the bundle's load history.
 */
public final class Activity {
    /** The length of one slot of a handler's activity. */
    public static final Duration SLOT = Duration.ofSeconds(10);
    /** How many slots a handler's activity keeps: with {@link #SLOT}, the last five minutes. */
    public static final int SLOTS = 30;
    /** How many errors of each Runnable are kept. */
    public static final int ERRORS_KEPT = 10;
    /** How many bundle loads are kept. */
    public static final int LOADS_KEPT = 20;

    private final Clock clock;
    private final Duration slot;
    private final int slots;
    private final Map<String, HandlerActivity> handlers = new ConcurrentHashMap<>();
    private final Map<String, Deque<RunnableFailure>> errors = new ConcurrentHashMap<>();
    private final Deque<BundleLoad> loads = new ArrayDeque<>();

    public Activity() {
        this(Clock.systemUTC(), SLOT, SLOTS);
    }

    /** Activity measured by {@code clock} in {@code slots} slots of {@code slot} each. */
    public Activity(Clock clock, Duration slot, int slots) {
        this.clock = clock;
        this.slot = slot;
        this.slots = slots;
    }

    /**
     * The activity of a route of the Directive: an HTTP route by method and path, a websocket handler (method
     * {@code STREAM}) by path.
     */
    public HandlerActivity route(String method, String pattern) {
        return method.equals("STREAM") ? handler("websocket", pattern) : handler("http", method + " " + pattern);
    }

    /** The activity of a NATS stream handler, by its subject as the Directive writes it. */
    public HandlerActivity natsHandler(String subject) {
        return handler("nats", subject);
    }

    /** The activity of one handler, the same object every time for the same kind and name. */
    public HandlerActivity handler(String kind, String name) {
        return handlers.computeIfAbsent(kind + ' ' + name, k -> new HandlerActivity(kind, name, clock, slot, slots));
    }

    /** Keeps one error of a Runnable (by FQFN), dropping its oldest past {@link #ERRORS_KEPT}. */
    public void runnableFailed(String fqfn, String requestId, String message) {
        Deque<RunnableFailure> kept = errors.computeIfAbsent(fqfn, k -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addFirst(new RunnableFailure(clock.instant(), requestId, message));
            if (kept.size() > ERRORS_KEPT) {
                kept.removeLast();
            }
        }
    }

    /** The last errors of a Runnable, newest first; empty when it has had none. */
    public List<RunnableFailure> errors(String fqfn) {
        Deque<RunnableFailure> kept = errors.get(fqfn);
        if (kept == null) {
            return List.of();
        }
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    /** Keeps the outcome of a bundle load (the first one at start-up, later ones reloads). */
    public synchronized void bundleLoaded(boolean ok, String message) {
        loads.addFirst(new BundleLoad(clock.instant(), ok, message));
        if (loads.size() > LOADS_KEPT) {
            loads.removeLast();
        }
    }

    /** Every kept bundle load, newest first. */
    public synchronized List<BundleLoad> loads() {
        return List.copyOf(loads);
    }

    /** When the bundle that serves now was loaded; empty before the first load. */
    public synchronized Optional<Instant> servingSince() {
        return loads.stream().filter(BundleLoad::ok).findFirst().map(BundleLoad::time);
    }

    public Instant now() {
        return clock.instant();
    }
}
