package dev.atmo.capability;

import dev.atmo.AtmoException;
import dev.atmo.admin.AdminStatus;
import dev.atmo.bundle.Bundle;
import dev.atmo.directive.Directive;
import dev.atmo.directive.RedisConnection;
import dev.atmo.metrics.AtmoMetrics;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.CacheCapability;
import dev.atmo.trace.Tracing;
import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.GraphQlCapability;
import dev.atmo.wasm.host.HttpCapability;
import dev.atmo.wasm.host.GuestLog;
import dev.atmo.wasm.host.Slf4jGuestLog;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capabilities a bundle's Runnables get, built from its Directive: outbound HTTP and GraphQL with the
 * policy and injected authentication, the cache (in memory, or Redis when {@code connections.redis} is set),
 * the bundle's static files and the guest log.
 */
public final class CapabilitySet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.capability");
    private final Capabilities capabilities;
    private final Optional<RedisCache> redis;
    private final Optional<SqlDatabase> database;

    private CapabilitySet(Capabilities capabilities, Optional<RedisCache> redis, Optional<SqlDatabase> database) {
        this.capabilities = capabilities;
        this.redis = redis;
        this.database = database;
    }

    public static CapabilitySet build(Bundle bundle, Function<String, Optional<String>> environment) {
        return build(bundle, environment, new AtmoMetrics());
    }

    public static CapabilitySet build(Bundle bundle, Function<String, Optional<String>> environment,
                                      AtmoMetrics metrics) {
        return build(bundle, environment, metrics, CacheLimits.defaults());
    }

    /** As {@link #build(Bundle, Function, AtmoMetrics)}, with the in-memory cache bounded by {@code cacheLimits}. */
    public static CapabilitySet build(Bundle bundle, Function<String, Optional<String>> environment,
                                      AtmoMetrics metrics, CacheLimits cacheLimits) {
        return build(bundle, environment, metrics, cacheLimits, Tracing.off());
    }

    /**
     * As {@link #build(Bundle, Function, AtmoMetrics, CacheLimits)}, with every outbound call, cache and database
     * call in a span when traces are on, and {@code traceparent} sent on outbound HTTP and GraphQL.
     */
    public static CapabilitySet build(Bundle bundle, Function<String, Optional<String>> environment,
                                      AtmoMetrics metrics, CacheLimits cacheLimits, Tracing tracing) {
        Directive directive = bundle.directive();
        CapabilityConfig config = CapabilityConfig.from(directive.capabilities());
        AuthHeaders auth = AuthHeaders.resolve(directive.authentication(), environment);
        CapabilitySpans spans = new CapabilitySpans(tracing);
        boolean traced = tracing.enabled();
        OutboundHttp outbound = new OutboundHttp(config.policy(), auth, metrics::outbound);
        HttpCapability http = traced ? spans.http(outbound) : outbound;
        Optional<RedisCache> redis = directive.connections().redis().map(r -> redis(r, environment));
        CacheCapability cache = redis.<CacheCapability>map(r -> r).orElseGet(() ->
                new MemoryCache(config.cacheEntries(), cacheLimits.maxBytes(), cacheLimits.maxValueBytes(),
                        java.time.Clock.systemUTC()));
        GuestLog log = config.logger() ? new Slf4jGuestLog() : (level, runnable, requestId, ident, message) -> { };
        Capabilities.Builder builder = Capabilities.builder().log(log).requestAccess(config.request());
        if (config.http()) {
            builder.http(http);
        }
        if (config.graphql()) {
            GraphQlCapability graphql = new GraphQlClient(http);
            builder.graphql(traced ? spans.graphql(graphql) : graphql);
        }
        if (config.cache()) {
            CacheCapability metered = new MeteredCache(cache, metrics);
            builder.cache(traced ? spans.cache(metered, redis.map(r -> "redis")) : metered);
        }
        if (config.files()) {
            builder.files(name -> staticFile(bundle, name));
        }
        Optional<SqlDatabase> database = directive.connections().database().filter(d -> config.database())
                .map(d -> new SqlDatabase(d, resolve(d.connectionString(), environment), directive.queries()));
        database.ifPresent(db -> builder.database(traced
                ? spans.database(db, directive.connections().database().orElseThrow().type()) : db));
        return new CapabilitySet(builder.build(), redis, database);
    }

    /** A file that cannot be read is an error for the guest; the details, with host paths, stay in the log. */
    private static Optional<byte[]> staticFile(Bundle bundle, String name) {
        try {
            return bundle.staticFiles().get(name);
        } catch (AtmoException | UncheckedIOException e) {
            LOG.warn("static file {} cannot be read: {}", name, e.getMessage());
            throw new CapabilityException("failed to read static file " + name);
        }
    }

    private static RedisCache redis(RedisConnection connection, Function<String, Optional<String>> environment) {
        LOG.info("cache is Redis at {}", connection.serverAddress());
        return new RedisCache(resolve(connection.serverAddress(), environment),
                resolve(connection.username(), environment), resolve(connection.password(), environment));
    }

    /** {@code env(NAME)} values come from the environment; anything else is literal. */
    static String resolve(String value, Function<String, Optional<String>> environment) {
        if (value.startsWith("env(") && value.endsWith(")")) {
            String name = value.substring(4, value.length() - 1);
            return environment.apply(name).orElseGet(() -> {
                LOG.warn("environment variable {} is not set", name);
                return "";
            });
        }
        return value;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** The Redis and database connections the capabilities use, each asked whether it answers now. */
    public List<AdminStatus.ConnectionState> connections() {
        List<AdminStatus.ConnectionState> connections = new ArrayList<>();
        redis.ifPresent(r -> connections.add(new AdminStatus.ConnectionState("redis", r.address(), r.reachable())));
        database.ifPresent(d -> connections.add(
                new AdminStatus.ConnectionState("database", d.address(), d.reachable())));
        return connections;
    }

    @Override
    public void close() {
        redis.ifPresent(RedisCache::close);
        database.ifPresent(SqlDatabase::close);
    }
}
