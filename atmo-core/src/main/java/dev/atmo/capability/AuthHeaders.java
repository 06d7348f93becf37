package dev.atmo.capability;

import dev.atmo.directive.Authentication;
import dev.atmo.directive.DomainAuth;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Authorization} header for each configured host, resolved once at start-up. Matching is exact on
 * the URL's host (with {@code :port} when the URL names one); {@code bearer} and {@code basic} are written in
 * their canonical case, other types verbatim. The header is only ever attached to the configured host.
 */
public final class AuthHeaders {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.capability");
    private final Map<String, String> byHost;

    private AuthHeaders(Map<String, String> byHost) {
        this.byHost = Map.copyOf(byHost);
    }

    public static AuthHeaders none() {
        return new AuthHeaders(Map.of());
    }

    /** Resolves {@code env(NAME)} values from the environment; an unset variable is a warning naming it. */
    public static AuthHeaders resolve(Authentication authentication, Function<String, Optional<String>> environment) {
        Map<String, String> byHost = new LinkedHashMap<>();
        for (Map.Entry<String, DomainAuth> e : authentication.domains().entrySet()) {
            DomainAuth auth = e.getValue();
            String value = auth.value();
            if (value.startsWith("env(") && value.endsWith(")")) {
                String name = value.substring(4, value.length() - 1);
                Optional<String> resolved = environment.apply(name).filter(v -> !v.isEmpty());
                if (resolved.isEmpty()) {
                    LOG.warn("authentication for {} uses environment variable {}, which is not set or empty; "
                            + "no header will be sent", e.getKey(), name);
                    continue;
                }
                value = resolved.get();
            }
            if (value.isEmpty()) {
                LOG.warn("authentication for {} has an empty value; no header will be sent", e.getKey());
                continue;
            }
            String type = canonicalType(auth.headerType());
            byHost.put(e.getKey(), type.isEmpty() ? value : type + " " + value);
        }
        return new AuthHeaders(byHost);
    }

    static String canonicalType(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "bearer" -> "Bearer";
            case "basic" -> "Basic";
            default -> type;
        };
    }

    /** The header for a URL's host, if that exact host (and port) is configured. */
    public Optional<String> forUri(URI uri) {
        if (uri.getHost() == null) {
            return Optional.empty();
        }
        String key = uri.getPort() >= 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        return Optional.ofNullable(byHost.get(key));
    }

    public List<String> hosts() {
        return List.copyOf(byHost.keySet());
    }
}
