package dev.atmo.capability;

import dev.atmo.AtmoException;
import dev.atmo.directive.Directive;
import dev.atmo.directive.Problem;
import dev.atmo.directive.Suggestion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Directive's {@code capabilities} section: which capabilities are enabled and the outbound policy.
 * Everything is enabled and permissive by default; an unknown key or a value of the wrong type is an error
 * naming it.
 *
 * <pre>
 * capabilities:
 *   http:     { enabled: true, allowedHosts: [api.example.com, "*.example.org"], blockPrivate: true,
 *               allowedPrivateHosts: [cache.internal], allowHttp: false, timeoutSeconds: 10,
 *               maxResponseBytes: 1048576 }
 *   graphql:  { enabled: true }
 *   cache:    { enabled: true, maxEntries: 100000 }
 *   files:    { enabled: true }
 *   logger:   { enabled: true }
 *   request:  { enabled: true }
 *   database: { enabled: true }
 * </pre>
 */
public record CapabilityConfig(boolean http, boolean graphql, boolean cache, boolean files, boolean logger,
                               boolean request, boolean database, OutboundPolicy policy, int cacheEntries) {

    private static final Map<String, Set<String>> KEYS = Map.of(
            "http", Set.of("enabled", "allowedHosts", "blockPrivate", "allowedPrivateHosts", "allowHttp",
                    "timeoutSeconds", "maxResponseBytes"),
            "graphql", Set.of("enabled"),
            "cache", Set.of("enabled", "maxEntries"),
            "files", Set.of("enabled"),
            "logger", Set.of("enabled"),
            "request", Set.of("enabled"),
            "database", Set.of("enabled"));

    public static CapabilityConfig defaults() {
        return from(Map.of());
    }

    /**
     * What {@link #from} refuses in a Directive's {@code capabilities} section, at the section's line; empty
     * when it is valid.
     */
    public static Optional<Problem> problem(Directive directive) {
        try {
            from(directive.capabilities());
            return Optional.empty();
        } catch (AtmoException e) {
            return Optional.of(new Problem(directive.markOf("capabilities"), e.getMessage()));
        }
    }

    public static CapabilityConfig from(Map<String, Object> section) {
        for (String key : section.keySet()) {
            if (!KEYS.containsKey(key)) {
                throw new AtmoException("capabilities." + key + " is not a capability"
                        + Suggestion.didYouMean(key, KEYS.keySet()) + "; known: " + known(KEYS.keySet()));
            }
            for (String inner : map(section, key).keySet()) {
                if (!KEYS.get(key).contains(inner)) {
                    throw new AtmoException("capabilities." + key + "." + inner + " is not a setting of " + key
                            + Suggestion.didYouMean(inner, KEYS.get(key)) + "; known: " + known(KEYS.get(key)));
                }
            }
        }
        Map<String, Object> http = map(section, "http");
        Map<String, Object> cache = map(section, "cache");
        OutboundPolicy defaults = OutboundPolicy.permissive();
        OutboundPolicy policy = defaults
                .withAllowedHosts(strings(http, "http.allowedHosts", "allowedHosts"))
                .withBlockPrivate(bool(http, "http.blockPrivate", "blockPrivate", false),
                        strings(http, "http.allowedPrivateHosts", "allowedPrivateHosts"))
                .withAllowHttp(bool(http, "http.allowHttp", "allowHttp", true))
                .withCallTimeout(Duration.ofSeconds(number(http, "http.timeoutSeconds", "timeoutSeconds",
                        defaults.callTimeout().toSeconds())))
                .withMaxResponseBytes(number(http, "http.maxResponseBytes", "maxResponseBytes",
                        defaults.maxResponseBytes()));
        long cacheEntries = number(cache, "cache.maxEntries", "maxEntries", MemoryCache.DEFAULT_MAX_ENTRIES);
        if (cacheEntries > Integer.MAX_VALUE) {
            throw new AtmoException("capabilities.cache.maxEntries must be at most " + Integer.MAX_VALUE
                    + ", got " + cacheEntries);
        }
        return new CapabilityConfig(
                enabled(section, "http"), enabled(section, "graphql"), enabled(section, "cache"),
                enabled(section, "files"), enabled(section, "logger"), enabled(section, "request"),
                enabled(section, "database"), policy, (int) cacheEntries);
    }

    private static String known(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }

    private static boolean enabled(Map<String, Object> section, String name) {
        return bool(map(section, name), name + ".enabled", "enabled", true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> section, String key) {
        Object value = section.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new AtmoException("capabilities." + key + " must be a mapping");
    }

    private static boolean bool(Map<String, Object> map, String where, String key, boolean fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new AtmoException("capabilities." + where + " must be true or false, got " + value);
    }

    private static long number(Map<String, Object> map, String where, String key, long fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim();
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new AtmoException("capabilities." + where + (isDecimal(text) ? " must be a whole number, got "
                    : " must be a number, got ") + value);
        }
        if (n <= 0) {
            throw new AtmoException("capabilities." + where + " must be positive, got " + value);
        }
        return n;
    }

    private static boolean isDecimal(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> strings(Map<String, Object> map, String where, String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (value instanceof Map<?, ?> || (value instanceof List<?> list && list.stream().anyMatch(
                v -> v == null || v instanceof Map<?, ?> || v instanceof List<?>))) {
            throw new AtmoException("capabilities." + where + " must be a list of host names, got " + value);
        }
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        } else {
            for (String part : value.toString().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

}
