package dev.atmo.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Routes by method and path with julienschmidt/httprouter's behaviour: trailing-slash and cleaned-path
 * redirects, automatic OPTIONS, 405 with the allowed methods, and 404. Immutable once built.
 */
public final class Router<H> {
    private final Map<String, List<Entry<H>>> routes;
    private final Map<String, Map<String, H>> staticRoutes;

    private Router(Map<String, List<Entry<H>>> routes) {
        this.routes = routes;
        this.staticRoutes = staticRoutes(routes);
    }

    /**
     * Per method, the routes without parameters by their exact path, each kept only when the full lookup of
     * that path finds that very route: most requests are answered by one map lookup.
     */
    private static <H> Map<String, Map<String, H>> staticRoutes(Map<String, List<Entry<H>>> routes) {
        Map<String, Map<String, H>> out = new HashMap<>();
        routes.forEach((method, entries) -> {
            Map<String, H> byPath = new HashMap<>();
            for (Entry<H> entry : entries) {
                String text = entry.pattern().text();
                boolean plain = entry.pattern().segments().stream().noneMatch(s -> s.startsWith(":") || s.startsWith("*"));
                if (plain && matchExact(entries, PathPattern.split(text))
                        .filter(f -> f instanceof RouteLookup.Found<H> found && found.handler() == entry.handler())
                        .isPresent()) {
                    byPath.putIfAbsent(text, entry.handler());
                }
            }
            out.put(method, Map.copyOf(byPath));
        });
        return Map.copyOf(out);
    }

    public static <H> Builder<H> builder() {
        return new Builder<>();
    }

    public RouteLookup<H> find(String method, String path) {
        H plain = staticRoutes.getOrDefault(method, Map.of()).get(path);
        if (plain != null) {
            return new RouteLookup.Found<>(plain, Map.of());
        }
        List<String> segments = PathPattern.split(path);
        List<Entry<H>> forMethod = routes.getOrDefault(method, List.of());
        Optional<RouteLookup<H>> exact = matchExact(forMethod, segments);
        if (exact.isPresent()) {
            return exact.get();
        }
        if (!forMethod.isEmpty() && !method.equals("CONNECT") && !path.equals("/")) {
            Optional<String> redirect = trailingSlashRedirect(forMethod, path)
                    .or(() -> fixedPathRedirect(forMethod, path));
            if (redirect.isPresent()) {
                return new RouteLookup.Redirect<>(redirect.get());
            }
        }
        if (method.equals("OPTIONS")) {
            List<String> allowed = allowed(path, method);
            if (!allowed.isEmpty()) {
                return new RouteLookup.Options<>(allowed);
            }
        } else {
            List<String> allowed = allowed(path, method);
            if (!allowed.isEmpty()) {
                return new RouteLookup.MethodNotAllowed<>(allowed);
            }
        }
        return new RouteLookup.NotFound<>();
    }

    private static <H> Optional<RouteLookup<H>> matchExact(List<Entry<H>> entries, List<String> segments) {
        for (Entry<H> entry : entries) {
            Optional<PathPattern.Match> match = entry.pattern().match(segments, false);
            if (match.isPresent()) {
                Map<String, String> params = new LinkedHashMap<>();
                match.get().params().forEach(p -> params.put(p[0], p[1]));
                return Optional.of(new RouteLookup.Found<>(entry.handler(), Map.copyOf(params)));
            }
        }
        return Optional.empty();
    }

    private Optional<String> trailingSlashRedirect(List<Entry<H>> entries, String path) {
        String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
        if (other.isEmpty()) {
            return Optional.empty();
        }
        List<String> segments = PathPattern.split(other);
        return entries.stream().filter(e -> e.pattern().match(segments, false).isPresent()).findFirst()
                .map(e -> other);
    }

    private Optional<String> fixedPathRedirect(List<Entry<H>> entries, String path) {
        String cleaned = CleanPath.clean(path);
        List<String> candidates = new ArrayList<>(List.of(cleaned));
        if (!cleaned.equals("/")) {
            candidates.add(cleaned.endsWith("/") ? cleaned.substring(0, cleaned.length() - 1) : cleaned + "/");
        }
        for (String candidate : candidates) {
            List<String> segments = PathPattern.split(candidate);
            for (Entry<H> entry : entries) {
                Optional<PathPattern.Match> match = entry.pattern().match(segments, true);
                if (match.isPresent() && !match.get().canonicalPath().equals(path)) {
                    String fixed = match.get().canonicalPath();
                    if (entry.pattern().trailingSlash() && !fixed.endsWith("/")) {
                        fixed = fixed + "/";
                    }
                    return Optional.of(fixed);
                }
            }
        }
        return Optional.empty();
    }

    /** Methods other than the request's (and OPTIONS) that have a route for the path; plus OPTIONS when any. */
    private List<String> allowed(String path, String requestMethod) {
        List<String> segments = PathPattern.split(path);
        List<String> allowed = new ArrayList<>();
        for (Map.Entry<String, List<Entry<H>>> e : routes.entrySet()) {
            String method = e.getKey();
            if (method.equals(requestMethod) || method.equals("OPTIONS")) {
                continue;
            }
            if (path.equals("*") || matchExact(e.getValue(), segments).isPresent()) {
                allowed.add(method);
            }
        }
        if (!allowed.isEmpty()) {
            allowed.add("OPTIONS");
        }
        return List.copyOf(allowed);
    }

    /** True when at least one route is registered. */
    public boolean isEmpty() {
        return routes.isEmpty();
    }

    private record Entry<H>(PathPattern pattern, H handler) {
    }

    /**
     * Collects routes. Conflicting patterns are reported by Directive validation before a router is built;
     * the first route added wins a lookup when two could match.
     */
    public static final class Builder<H> {
        private final Map<String, List<Entry<H>>> routes = new TreeMap<>();

        public Builder<H> add(String method, String pattern, H handler) {
            PathPattern parsed = PathPattern.parse(pattern);
            routes.computeIfAbsent(method, m -> new ArrayList<>()).add(new Entry<>(parsed, handler));
            return this;
        }

        public Router<H> build() {
            Map<String, List<Entry<H>>> copy = new TreeMap<>();
            routes.forEach((m, l) -> copy.put(m, List.copyOf(l)));
            return new Router<>(copy);
        }
    }
}
