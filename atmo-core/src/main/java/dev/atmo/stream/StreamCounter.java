package dev.atmo.stream;

/**
 * Told about each message a stream handler takes in ({@value #IN}), each result it publishes ({@value #OUT})
 * and each message it hands back for redelivery ({@value #REDELIVERED}); {@code subject} is the handler's
 * subject as the Directive writes it, wildcards included, so the set of values stays small.
 */
@FunctionalInterface
public interface StreamCounter {
    String IN = "in";
    String OUT = "out";
    String REDELIVERED = "redelivered";

    StreamCounter NONE = (subject, direction) -> {
    };

    void count(String subject, String direction);
}
