package dev.atmo.http;

import java.util.Map;

/** What the router found for a request: the route's handler and its path parameters. */
public record Route<H>(H handler, Map<String, String> params) {
}
