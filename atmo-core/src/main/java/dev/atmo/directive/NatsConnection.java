package dev.atmo.directive;

import java.util.Objects;

/** {@code connections.nats}: the NATS server that {@code source: nats} handlers use. */
public record NatsConnection(String serverAddress, Mark mark) {

    public NatsConnection {
        serverAddress = Copy.text(serverAddress);
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
    }
}
