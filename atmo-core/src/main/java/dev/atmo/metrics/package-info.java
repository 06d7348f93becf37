/**
 * Everything Atmo measures, in one Prometheus registry that the operator's metrics endpoint serves: HTTP
 * requests, invocations, pools, stream messages, outbound calls and the cache.
 */
package dev.atmo.metrics;
