/**
 * Stream handlers on NATS (core subjects in queue groups, or JetStream pull consumers): each message runs its
 * handler's steps and the result is published to {@code respondTo}. Every class here is NATS code, so the package
 * is not split into a {@code stream.nats}: the connection ({@link dev.atmo.stream.NatsConnector}), the handlers
 * ({@link dev.atmo.stream.NatsStreams}), core subscriptions ({@link dev.atmo.stream.CoreSubscriber}), JetStream
 * set-up, pull loop and result publishing ({@link dev.atmo.stream.JetStreamSetup}, {@link
 * dev.atmo.stream.JetStreamSubscriber}, {@link dev.atmo.stream.ResultPublisher}), one message's run ({@link
 * dev.atmo.stream.MessageRunner}). Websocket stream handlers are not here: a websocket is an upgraded HTTP
 * connection, so its code sits with the HTTP server ({@code dev.atmo.http.WebSocketUpgrade}, {@code
 * WebSocketSession}, {@code WebSocketEndpoint}) and the server wires a handler to its steps.
 */
package dev.atmo.stream;
