/**
 * The benchmark suite: each part (HTTP, NATS, invocation, instance creation, compute) run against its reference
 * in the same run, with the reports and charts written from it.
 */
package dev.atmo.bench;
