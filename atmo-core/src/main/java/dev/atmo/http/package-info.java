/**
 * Atmo's HTTP server on Netty: connection limits and timeouts, the httprouter-compatible router, request and
 * response types, websocket sessions, and TLS. Knows nothing of Runnables: a route is a {@link
 * dev.atmo.http.RouteHandler}.
 */
package dev.atmo.http;
