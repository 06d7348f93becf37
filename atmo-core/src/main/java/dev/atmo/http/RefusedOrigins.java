package dev.atmo.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs websocket upgrades refused for their {@code Origin}: a browser shows its developer only close code 1006,
 * so the server says which origin was refused and what to change. At most one line per interval, counting the
 * refusals it stands for, so a page retrying in a loop cannot flood the log.
 */
final class RefusedOrigins {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.http");

    private final long intervalNanos;
    private final AtomicLong nextLine = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong unlogged = new AtomicLong();

    RefusedOrigins(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Records one refusal and logs it unless a line was written within the interval. */
    void refused(String path, String origin, String host) {
        long now = System.nanoTime();
        long next = nextLine.get();
        boolean due = next == Long.MIN_VALUE || now - next >= 0;
        if (!due || !nextLine.compareAndSet(next, now + intervalNanos)) {
            unlogged.incrementAndGet();
            return;
        }
        long others = unlogged.getAndSet(0);
        LOG.warn("websocket upgrade to {} refused with 403: Origin {} does not name the same host and port as Host {}"
                        + " and is not in the handler's allowedOrigins; add \"{}\" to allowedOrigins to allow it{}",
                path, origin, host, origin, others == 0 ? "" : " (" + others + " more refused since the last such line)");
    }
}
