package dev.atmo.stream;

/** Told how long each message of one stream handler took and whether its steps failed. */
@FunctionalInterface
public interface MessageTimer {
    MessageTimer NONE = (nanos, failed) -> {
    };

    void handled(long nanos, boolean failed);
}
