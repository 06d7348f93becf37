package dev.atmo.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client connection may hold of the server.
 *
 * @param headerTimeout      a request head (request line and headers) must arrive within this, counted from
 *                           the connection's start or from the first byte after an idle wait; else the
 *                           connection is closed
 * @param idleTimeout        a keep-alive connection with no request for this long is closed, and so is one
 *                           whose unread responses have not drained for this long
 * @param maxConnections     connections past this many open ones are answered 503 and closed at once
 * @param maxPendingOutputBytes once this many response bytes wait for the client to read them, the server
 *                           stops reading (and so answering) that connection until they drain
 */
public record ConnectionLimits(Duration headerTimeout, Duration idleTimeout, int maxConnections,
                               int maxPendingOutputBytes) {
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_PENDING_OUTPUT_BYTES = 256 * 1024;

    public ConnectionLimits {
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        positive(headerTimeout, "header timeout");
        positive(idleTimeout, "idle timeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, got " + maxConnections);
        }
        if (maxPendingOutputBytes < 1024) {
            throw new IllegalArgumentException("max pending output must be at least 1024 bytes, got "
                    + maxPendingOutputBytes);
        }
    }

    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_PENDING_OUTPUT_BYTES);
    }

    public ConnectionLimits withHeaderTimeout(Duration timeout) {
        return new ConnectionLimits(timeout, idleTimeout, maxConnections, maxPendingOutputBytes);
    }

    public ConnectionLimits withIdleTimeout(Duration timeout) {
        return new ConnectionLimits(headerTimeout, timeout, maxConnections, maxPendingOutputBytes);
    }

    public ConnectionLimits withMaxConnections(int max) {
        return new ConnectionLimits(headerTimeout, idleTimeout, max, maxPendingOutputBytes);
    }

    public ConnectionLimits withMaxPendingOutputBytes(int bytes) {
        return new ConnectionLimits(headerTimeout, idleTimeout, maxConnections, bytes);
    }

    private static void positive(Duration timeout, String what) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + timeout);
        }
    }
}
