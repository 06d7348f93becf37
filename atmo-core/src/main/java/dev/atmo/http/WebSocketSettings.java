package dev.atmo.http;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Websocket stream routes and their limits.
 *
 * @param routes        websocket endpoints by path (GET upgrade requests)
 * @param maxFrameBytes larger messages close the connection with 1009 (default 64 KiB)
 * @param idleTimeout   a connection with no message for this long is closed (default 5 minutes)
 */
public record WebSocketSettings(Supplier<Router<WebSocketEndpoint>> routes, int maxFrameBytes, Duration idleTimeout) {
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    public static WebSocketSettings none() {
        Router<WebSocketEndpoint> empty = Router.<WebSocketEndpoint>builder().build();
        return new WebSocketSettings(() -> empty, DEFAULT_MAX_FRAME_BYTES, DEFAULT_IDLE_TIMEOUT);
    }
}
