package dev.atmo.directive;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the entries of a websocket handler's {@code allowedOrigins}. A browser's {@code Origin} header is
 * exactly {@code scheme://host[:port]}, so an entry with a path (even a trailing slash) or without a scheme
 * could never match; such entries are refused with the spelling that would.
 */
final class OriginRules {

    private OriginRules() {
    }

    /** What is wrong with one entry, with the fix; empty when it is {@code *} or an origin. */
    static Optional<String> problem(String entry) {
        if (entry.equals("*")) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(entry);
        } catch (URISyntaxException e) {
            return Optional.of("is not an origin (" + e.getReason() + "); write scheme://host[:port]");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return Optional.of("is not an origin: write it with its scheme, as 'https://" + strip(entry) + "'");
        }
        String origin = scheme + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        boolean hasMore = uri.getRawUserInfo() != null || !Optional.ofNullable(uri.getRawPath()).orElse("").isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null;
        if (hasMore) {
            return Optional.of("is not an origin: browsers send scheme://host[:port] with no path, write '"
                    + origin + "'");
        }
        return Optional.empty();
    }

    /** An entry written without a scheme, cut to the host and port a browser would send. */
    private static String strip(String entry) {
        String rest = entry.contains("://") ? entry.substring(entry.indexOf("://") + 3) : entry;
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
