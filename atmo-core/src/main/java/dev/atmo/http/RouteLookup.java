package dev.atmo.http;

import java.util.List;
import java.util.Map;

/** The router's answer for one method and path, with httprouter's semantics. */
public sealed interface RouteLookup<H> {

    /** A route matched. */
    record Found<H>(H handler, Map<String, String> params) implements RouteLookup<H> {
    }

    /** The path matches after adding/removing a trailing slash or cleaning it: redirect there. */
    record Redirect<H>(String path) implements RouteLookup<H> {
    }

    /** An {@code OPTIONS} request for a path that exists for these methods. */
    record Options<H>(List<String> allowed) implements RouteLookup<H> {
    }

    /** The path exists for other methods only. */
    record MethodNotAllowed<H>(List<String> allowed) implements RouteLookup<H> {
    }

    /** Nothing matches. */
    record NotFound<H>() implements RouteLookup<H> {
    }
}
