package dev.atmo.stream;

import dev.atmo.directive.Handler;
import dev.atmo.directive.Problem;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A NATS stream handler's settings: its subject and {@code respondTo}, plus the extension keys
 * {@code queueGroup}, {@code maxConcurrency}, {@code ordered}, {@code envelope}, {@code jetstream},
 * {@code durable} and {@code maxDeliver}, checked and given their defaults.
 *
 * @param maxConcurrency how many messages run at once in this process ({@code ordered} means 1)
 * @param queueGroup     the queue group core NATS subscriptions join; empty when every process gets every message
 * @param jetStream      the stream and durable consumer to consume from, when the handler is JetStream-backed
 */
record NatsHandlerSettings(String subject, Optional<String> respondTo, Optional<String> queueGroup,
        int maxConcurrency, boolean ordered, boolean gravEnvelope, Optional<JetStreamSettings> jetStream) {

    static final int DEFAULT_MAX_CONCURRENCY = 64;
    static final int DEFAULT_MAX_DELIVER = 5;

    /** The JetStream stream a handler consumes from, its durable consumer and the delivery bound. */
    record JetStreamSettings(String stream, String durable, int maxDeliver) {
    }

    static NatsHandlerSettings of(Handler handler, String identifier) {
        return new Reader(handler, identifier).read();
    }

    /** A wrong setting of one handler; {@link #problem()} points at the key's line. */
    static final class SettingProblem extends StreamException {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        SettingProblem(Handler handler, String key, String message) {
            super(handler.markOf(key).hasPosition() ? handler.markOf(key) + ": " + message : message);
            this.problem = new Problem(handler.markOf(key), message);
        }

        Problem problem() {
            return problem;
        }
    }

    /** How the handler reads in log lines and errors. */
    String describe() {
        return "stream handler for NATS subject " + subject;
    }

    /** Whether results published to {@code respondTo} would come back to this handler as new messages. */
    boolean feedsItself() {
        return respondTo.isPresent() && matches(subject.split("\\."), respondTo.get().split("\\."));
    }

    private static boolean matches(String[] pattern, String[] tokens) {
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals(">")) {
                return tokens.length > i;
            }
            if (i >= tokens.length || !(pattern[i].equals("*") || pattern[i].equals(tokens[i]))) {
                return false;
            }
        }
        return pattern.length == tokens.length;
    }

    private static final class Reader {
        private final Handler handler;
        private final String identifier;
        private final Map<String, String> ext;

        Reader(Handler handler, String identifier) {
            this.handler = handler;
            this.identifier = identifier;
            this.ext = handler.extensions();
        }

        NatsHandlerSettings read() {
            String subject = handler.resource();
            if (subject.isBlank() || subject.chars().anyMatch(Character::isWhitespace)) {
                throw problem("resource", "resource must be a NATS subject without spaces, got '" + subject + "'");
            }
            boolean ordered = bool("ordered");
            int maxConcurrency = positive("maxConcurrency", DEFAULT_MAX_CONCURRENCY);
            if (ordered && ext.containsKey("maxConcurrency") && maxConcurrency > 1) {
                throw problem("maxConcurrency", "ordered: true runs one message at a time; remove maxConcurrency or set it to 1");
            }
            String envelope = ext.getOrDefault("envelope", "raw").trim();
            if (!envelope.equals("raw") && !envelope.equals("grav")) {
                throw problem("envelope", "envelope must be raw or grav, got '" + envelope + "'");
            }
            Optional<String> respondTo = handler.respondTo().map(String::trim).filter(s -> !s.isEmpty());
            if (respondTo.isPresent() && !respondTo.get().matches("[^\\s*>]+")) {
                throw problem("respondTo", "respondTo must be a subject without spaces or wildcards, got '" + respondTo.get() + "'");
            }
            return new NatsHandlerSettings(subject, respondTo, queueGroup(),
                    ordered ? 1 : maxConcurrency, ordered, envelope.equals("grav"), jetStream(subject));
        }

        private Optional<String> queueGroup() {
            String group = ext.getOrDefault("queueGroup", identifier).trim();
            if (group.chars().anyMatch(Character::isWhitespace)) {
                throw problem("queueGroup", "queueGroup cannot contain spaces, got '" + group + "'");
            }
            return group.isEmpty() ? Optional.empty() : Optional.of(group);
        }

        private Optional<JetStreamSettings> jetStream(String subject) {
            if (!ext.containsKey("jetstream")) {
                for (String key : new String[] {"durable", "maxDeliver"}) {
                    if (ext.containsKey(key)) {
                        throw problem(key, key + " only applies together with jetstream: <stream name>");
                    }
                }
                return Optional.empty();
            }
            String stream = name("jetstream", ext.get("jetstream"));
            String durable = name("durable", ext.getOrDefault("durable",
                    sanitize(identifier.isEmpty() ? "atmo" : identifier) + "-" + sanitize(subject)));
            return Optional.of(new JetStreamSettings(stream, durable, positive("maxDeliver", DEFAULT_MAX_DELIVER)));
        }

        /** Stream and consumer names may not hold spaces, dots, wildcards or path separators. */
        private String name(String key, String value) {
            String name = value.trim();
            if (name.isEmpty() || !name.equals(sanitize(name))) {
                throw problem(key, key + " must be a name of letters, digits, '-' and '_', got '" + value + "'");
            }
            return name;
        }

        private static String sanitize(String text) {
            return text.replaceAll("[^A-Za-z0-9_-]", "_");
        }

        private boolean bool(String key) {
            String value = ext.getOrDefault(key, "false").trim().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw problem(key, key + " must be true or false, got '" + ext.get(key) + "'");
            };
        }

        private int positive(String key, int fallback) {
            String value = ext.get(key);
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below with the key's name
            }
            throw problem(key, key + " must be a positive whole number, got '" + value + "'");
        }

        private SettingProblem problem(String key, String what) {
            return new SettingProblem(handler, key, "stream handler for NATS subject " + handler.resource() + ": "
                    + what);
        }
    }
}
