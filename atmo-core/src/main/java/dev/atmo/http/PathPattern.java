package dev.atmo.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A route pattern in httprouter syntax: static segments, {@code :name} for one segment and {@code *name}
 * (last only) for the rest of the path including its leading slash.
 */
record PathPattern(String text, List<String> segments, boolean trailingSlash) {

    static PathPattern parse(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("route path must begin with '/': " + pattern);
        }
        List<String> segments = split(pattern);
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (s.startsWith("*") && i != segments.size() - 1) {
                throw new IllegalArgumentException("catch-all '" + s + "' must be the last segment of " + pattern);
            }
            if ((s.startsWith(":") || s.startsWith("*")) && s.length() == 1) {
                throw new IllegalArgumentException("parameter without a name in " + pattern);
            }
        }
        return new PathPattern(pattern, List.copyOf(segments), pattern.length() > 1 && pattern.endsWith("/"));
    }

    /** Splits {@code /a/b/} into {@code [a, b, ""]}: the empty last segment marks a trailing slash. */
    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                out.add(path.substring(start, i));
                start = i + 1;
            }
        }
        if (path.equals("/")) {
            return List.of("");
        }
        return out;
    }

    boolean endsWithCatchAll() {
        return !segments.isEmpty() && segments.get(segments.size() - 1).startsWith("*");
    }

    /** Matches a request path; {@code ignoreCase} compares static segments case-insensitively. */
    Optional<Match> match(List<String> path, boolean ignoreCase) {
        List<String[]> params = new ArrayList<>();
        StringBuilder fixed = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            if (seg.startsWith("*")) {
                StringBuilder rest = new StringBuilder();
                for (int j = i; j < path.size(); j++) {
                    rest.append('/').append(path.get(j));
                }
                if (i >= path.size()) {
                    return Optional.empty();
                }
                params.add(new String[] {seg.substring(1), rest.toString()});
                fixed.append(rest);
                return Optional.of(new Match(params, fixed.toString()));
            }
            if (i >= path.size()) {
                return Optional.empty();
            }
            String part = path.get(i);
            if (seg.startsWith(":")) {
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                params.add(new String[] {seg.substring(1), part});
                fixed.append('/').append(part);
            } else if (ignoreCase ? seg.equalsIgnoreCase(part) : seg.equals(part)) {
                fixed.append('/').append(seg);
            } else {
                return Optional.empty();
            }
        }
        if (path.size() != segments.size()) {
            return Optional.empty();
        }
        return Optional.of(new Match(params, fixed.length() == 0 ? "/" : fixed.toString()));
    }

    /** A successful match: parameters in pattern order and the path spelled as the route spells it. */
    record Match(List<String[]> params, String canonicalPath) {
    }
}
