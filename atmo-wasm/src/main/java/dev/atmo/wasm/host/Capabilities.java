package dev.atmo.wasm.host;

import java.util.Objects;
import java.util.Optional;

/**
 * The capabilities a Runnable's host functions call out through. An absent capability is disabled:
 * the guest gets the ABI's "not enabled" answer.
 */
public record Capabilities(
        Optional<HttpCapability> http,
        Optional<GraphQlCapability> graphql,
        Optional<CacheCapability> cache,
        Optional<FileCapability> files,
        Optional<DatabaseCapability> database,
        boolean requestAccess,
        GuestLog log) {

    public Capabilities {
        Objects.requireNonNull(http);
        Objects.requireNonNull(graphql);
        Objects.requireNonNull(cache);
        Objects.requireNonNull(files);
        Objects.requireNonNull(database);
        Objects.requireNonNull(log);
    }

    /** Nothing enabled but request access and logging to SLF4J. */
    public static Capabilities none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Capabilities}; every outbound capability starts disabled. */
    public static final class Builder {
        private HttpCapability http;
        private GraphQlCapability graphql;
        private CacheCapability cache;
        private FileCapability files;
        private DatabaseCapability database;
        private boolean requestAccess = true;
        private GuestLog log = new Slf4jGuestLog();

        private Builder() {
        }

        public Builder http(HttpCapability http) {
            this.http = http;
            return this;
        }

        public Builder graphql(GraphQlCapability graphql) {
            this.graphql = graphql;
            return this;
        }

        public Builder cache(CacheCapability cache) {
            this.cache = cache;
            return this;
        }

        public Builder files(FileCapability files) {
            this.files = files;
            return this;
        }

        public Builder database(DatabaseCapability database) {
            this.database = database;
            return this;
        }

        public Builder requestAccess(boolean enabled) {
            this.requestAccess = enabled;
            return this;
        }

        public Builder log(GuestLog log) {
            this.log = Objects.requireNonNull(log);
            return this;
        }

        public Capabilities build() {
            return new Capabilities(Optional.ofNullable(http), Optional.ofNullable(graphql),
                    Optional.ofNullable(cache), Optional.ofNullable(files), Optional.ofNullable(database),
                    requestAccess, log);
        }
    }
}
