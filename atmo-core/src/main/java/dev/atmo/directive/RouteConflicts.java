package dev.atmo.directive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the routes httprouter would refuse (it panicked at start-up in Atmo): the same method and path
 * twice, a path parameter beside a fixed path ({@code /a/:x} and {@code /a/b}), two parameter names at one
 * position, a catch-all that is not last or shares its position. Routes are inserted into a per-method
 * character trie in Directive order, the way httprouter builds its tree, so the later route is the one
 * reported. Websocket handlers count as {@code GET} routes: they are served by the same router.
 */
final class RouteConflicts {

    private record Route(String method, String path, Handler handler) {
        String describe() {
            return "handler for " + method + " " + path + " at line " + handler.mark().line();
        }
    }

    private sealed interface Token permits Fixed, Param, CatchAll {
    }

    private record Fixed(char c) implements Token {
    }

    private record Param(String name) implements Token {
    }

    private record CatchAll(String name) implements Token {
    }

    private static final class Node {
        final Map<Character, Node> fixed = new LinkedHashMap<>();
        Node param;
        String paramName;
        Node catchAll;
        String catchAllName;
        Route owner;
        Route handle;

        Node(Route owner) {
            this.owner = owner;
        }
    }

    private final Map<String, Node> trees = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private RouteConflicts() {
    }

    static List<Problem> check(List<Handler> handlers) {
        RouteConflicts conflicts = new RouteConflicts();
        for (Handler handler : handlers) {
            if (!handler.resource().startsWith("/")) {
                continue;
            }
            if (handler.isRequest() && !handler.method().isEmpty()) {
                conflicts.add(new Route(handler.method(), handler.resource(), handler));
            } else if (handler.isWebsocketStream()) {
                conflicts.add(new Route("GET", handler.resource(), handler));
            }
        }
        return conflicts.problems;
    }

    private void add(Route route) {
        List<Token> tokens = new ArrayList<>();
        Optional<String> invalid = tokenize(route.path(), tokens);
        if (invalid.isPresent()) {
            problems.add(new Problem(route.handler().mark(),
                    route.describe() + " has an invalid route: " + invalid.get()));
            return;
        }
        Node node = trees.computeIfAbsent(route.method(), m -> new Node(route));
        for (Token token : tokens) {
            Optional<Node> next = switch (token) {
                case Fixed fixed -> fixed(node, fixed.c(), route);
                case Param param -> param(node, param.name(), route);
                case CatchAll catchAll -> catchAll(node, catchAll.name(), route);
            };
            if (next.isEmpty()) {
                return;
            }
            node = next.get();
        }
        if (node.handle != null) {
            conflict(route, node.handle, "the same method and path are registered twice");
        } else if (node.catchAll != null) {
            conflict(route, node.catchAll.owner,
                    "a route ending in '/' cannot share its position with the catch-all *" + node.catchAllName);
        } else {
            node.handle = route;
        }
    }

    private Optional<Node> fixed(Node node, char c, Route route) {
        if (node.param != null) {
            return conflict(route, node.param.owner,
                    "a fixed path cannot share its position with the path parameter :" + node.paramName);
        }
        if (node.catchAll != null) {
            return conflict(route, node.catchAll.owner,
                    "a fixed path cannot share its position with the catch-all *" + node.catchAllName);
        }
        return Optional.of(node.fixed.computeIfAbsent(c, k -> new Node(route)));
    }

    private Optional<Node> param(Node node, String name, Route route) {
        if (node.catchAll != null) {
            return conflict(route, node.catchAll.owner, "the path parameter :" + name
                    + " cannot share its position with the catch-all *" + node.catchAllName);
        }
        if (!node.fixed.isEmpty()) {
            return conflict(route, node.fixed.values().iterator().next().owner,
                    "the path parameter :" + name + " cannot share its position with a fixed path");
        }
        if (node.param != null && !node.paramName.equals(name)) {
            return conflict(route, node.param.owner, "path parameters :" + node.paramName + " and :" + name
                    + " at the same position must have the same name");
        }
        if (node.param == null) {
            node.param = new Node(route);
            node.paramName = name;
        }
        return Optional.of(node.param);
    }

    private Optional<Node> catchAll(Node node, String name, Route route) {
        if (node.catchAll != null) {
            if (!node.catchAllName.equals(name)) {
                return conflict(route, node.catchAll.owner, "catch-alls *" + node.catchAllName + " and *" + name
                        + " at the same position must have the same name");
            }
            return Optional.of(node.catchAll);
        }
        if (node.param != null) {
            return conflict(route, node.param.owner, "the catch-all *" + name
                    + " cannot share its position with the path parameter :" + node.paramName);
        }
        if (!node.fixed.isEmpty()) {
            return conflict(route, node.fixed.values().iterator().next().owner,
                    "the catch-all *" + name + " cannot share its position with a fixed path");
        }
        if (node.handle != null) {
            return conflict(route, node.handle,
                    "the catch-all *" + name + " cannot share its position with a route ending in '/'");
        }
        node.catchAll = new Node(route);
        node.catchAllName = name;
        return Optional.of(node.catchAll);
    }

    private Optional<Node> conflict(Route route, Route existing, String reason) {
        problems.add(new Problem(route.handler().mark(),
                route.describe() + " conflicts with " + existing.describe() + ": " + reason));
        return Optional.empty();
    }

    /** Splits a pattern into fixed characters and wildcards, or says why httprouter would reject it. */
    private static Optional<String> tokenize(String path, List<Token> tokens) {
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c != ':' && c != '*') {
                tokens.add(new Fixed(c));
                i++;
                continue;
            }
            int end = i + 1;
            while (end < path.length() && path.charAt(end) != '/') {
                if (path.charAt(end) == ':' || path.charAt(end) == '*') {
                    return Optional.of("only one wildcard per path segment is allowed");
                }
                end++;
            }
            String name = path.substring(i + 1, end);
            if (name.isEmpty()) {
                return Optional.of("wildcards must be named with a non-empty name");
            }
            if (c == ':') {
                tokens.add(new Param(name));
            } else if (end != path.length()) {
                return Optional.of("catch-all routes are only allowed at the end of the path");
            } else if (path.charAt(i - 1) != '/') {
                return Optional.of("a catch-all must follow a '/'");
            } else {
                tokens.add(new CatchAll(name));
            }
            i = end;
        }
        return Optional.empty();
    }
}
