/**
 * Stream handlers on NATS (core subjects in queue groups, or JetStream pull consumers): each message runs its
 * handler's steps and the result is published to {@code respondTo}.
 */
package dev.atmo.stream;
