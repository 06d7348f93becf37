package dev.atmo.stream;

import java.time.Instant;

/** One NATS stream handler's way of receiving messages: a core subscription or a JetStream consumer. */
interface NatsSubscriber {

    /** Subscribes; messages start flowing to the handler's steps. */
    void start();

    /** Stops taking new messages; messages already received still run. */
    void stopReceiving(Instant deadline);

    /**
     * Waits until the messages already received have finished (and, for JetStream, been acknowledged), up to
     * the deadline; what is still running then is interrupted.
     */
    void awaitIdle(Instant deadline);
}
