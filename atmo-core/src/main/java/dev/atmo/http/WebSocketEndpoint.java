package dev.atmo.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A websocket stream handler: each message is served by {@code handler} as a request whose body is the
 * message. {@code allowedOrigins} lists origins (scheme://host[:port]) a browser may connect from besides the
 * server's own host; {@code *} allows any.
 */
public record WebSocketEndpoint(RouteHandler handler, List<String> allowedOrigins) {

    public WebSocketEndpoint {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** The original's rule: no Origin header, or its host equals the Host header; plus the configured origins. */
    public boolean originAllowed(String origin, String host) {
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        if (allowedOrigins.contains("*") || allowedOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(origin))) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getPort() >= 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
            return originHost != null && host != null
                    && originHost.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
