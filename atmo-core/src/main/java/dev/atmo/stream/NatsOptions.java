package dev.atmo.stream;

import dev.atmo.trace.Tracing;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How {@link NatsStreams} treats its NATS connection.
 *
 * @param connectWait how long start-up keeps retrying to reach the server before it fails
 * @param drainGrace  how long {@link NatsStreams#close()} lets in-flight messages finish
 * @param counter     told about every message in, result out and redelivery, for metrics
 * @param timers      the timer of each handler's messages, by the handler's subject
 * @param tracing     where the span of each message goes; its context goes out on the results
 */
public record NatsOptions(Duration connectWait, Duration drainGrace, StreamCounter counter,
                          Function<String, MessageTimer> timers, Tracing tracing) {
    public static final Duration DEFAULT_CONNECT_WAIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DRAIN_GRACE = Duration.ofSeconds(30);

    public NatsOptions {
        Objects.requireNonNull(connectWait);
        Objects.requireNonNull(drainGrace);
        Objects.requireNonNull(counter);
        Objects.requireNonNull(timers);
        Objects.requireNonNull(tracing);
        if (connectWait.isNegative() || drainGrace.isNegative()) {
            throw new IllegalArgumentException("NATS waits cannot be negative");
        }
    }

    public static NatsOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link NatsOptions}; unset values take the documented defaults. */
    public static final class Builder {
        private Duration connectWait = DEFAULT_CONNECT_WAIT;
        private Duration drainGrace = DEFAULT_DRAIN_GRACE;
        private StreamCounter counter = StreamCounter.NONE;
        private Function<String, MessageTimer> timers = subject -> MessageTimer.NONE;
        private Tracing tracing = Tracing.off();

        public Builder connectWait(Duration connectWait) {
            this.connectWait = connectWait;
            return this;
        }

        public Builder drainGrace(Duration drainGrace) {
            this.drainGrace = drainGrace;
            return this;
        }

        public Builder counter(StreamCounter counter) {
            this.counter = counter;
            return this;
        }

        /** Times each handler's messages with the timer it gives for the handler's subject. */
        public Builder timer(Function<String, MessageTimer> timers) {
            this.timers = timers;
            return this;
        }

        /** Where the span of each message goes. */
        public Builder tracing(Tracing tracing) {
            this.tracing = tracing;
            return this;
        }

        public NatsOptions build() {
            return new NatsOptions(connectWait, drainGrace, counter, timers, tracing);
        }
    }
}
