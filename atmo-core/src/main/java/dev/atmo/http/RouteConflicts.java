package dev.atmo.http;

import java.util.List;

/**
 * httprouter's conflict rules, checked when a route is added: two patterns conflict when they could match
 * the same path, or when a parameter sits beside a static segment or a differently named parameter.
 */
final class RouteConflicts {
    private RouteConflicts() {
    }

    static void check(String method, PathPattern a, PathPattern b) {
        conflict(a, b).ifPresent(reason -> {
            throw new IllegalArgumentException("route " + method + " " + b.text() + " conflicts with "
                    + method + " " + a.text() + ": " + reason);
        });
    }

    static java.util.Optional<String> conflict(PathPattern a, PathPattern b) {
        List<String> x = a.segments();
        List<String> y = b.segments();
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            String s = x.get(i);
            String t = y.get(i);
            boolean sWild = isWild(s);
            boolean tWild = isWild(t);
            if (!sWild && !tWild) {
                if (!s.equals(t)) {
                    return java.util.Optional.empty();
                }
                continue;
            }
            if (sWild && tWild) {
                if (!s.equals(t)) {
                    return java.util.Optional.of("'" + t + "' and '" + s + "' at the same position");
                }
                if (s.startsWith("*")) {
                    return java.util.Optional.of("the same path is registered twice");
                }
                continue;
            }
            String wild = sWild ? s : t;
            String fixed = sWild ? t : s;
            return java.util.Optional.of("'" + wild + "' and the segment '" + fixed + "' at the same position");
        }
        if (x.size() == y.size()) {
            return java.util.Optional.of("the same path is registered twice");
        }
        return java.util.Optional.empty();
    }

    private static boolean isWild(String segment) {
        return segment.startsWith(":") || segment.startsWith("*");
    }
}
