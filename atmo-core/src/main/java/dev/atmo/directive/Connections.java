package dev.atmo.directive;

import java.util.Objects;
import java.util.Optional;

/** The external services a Directive connects to. */
public record Connections(Optional<NatsConnection> nats, Optional<RedisConnection> redis,
        Optional<DatabaseConnection> database) {

    public static final Connections NONE = new Connections(Optional.empty(), Optional.empty(), Optional.empty());

    public Connections {
        nats = Objects.requireNonNullElse(nats, Optional.empty());
        redis = Objects.requireNonNullElse(redis, Optional.empty());
        database = Objects.requireNonNullElse(database, Optional.empty());
    }
}
