package dev.atmo.capability;

import dev.atmo.wasm.host.CacheCapability;
import dev.atmo.wasm.host.CapabilityException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The cache on Redis, so several Atmo processes share it. Built on Jedis's pooled client: it is synchronous,
 * which suits host functions running on virtual threads, and reconnects by itself when Redis comes back.
 * A Redis failure fails only the cache call (the guest gets an error text), never the request.
 */
public final class RedisCache implements CacheCapability, AutoCloseable {
    private static final int TIMEOUT_MILLIS = 2000;
    private final JedisPooled redis;
    private final String address;

    public RedisCache(String serverAddress, String username, String password) {
        URI uri = URI.create(serverAddress.contains("://") ? serverAddress : "redis://" + serverAddress);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS)
                .ssl("rediss".equalsIgnoreCase(uri.getScheme()));
        if (!username.isEmpty()) {
            config.user(username);
        }
        if (!password.isEmpty()) {
            config.password(password);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        // error texts reach guests and logs: name the server, never credentials written into the address
        this.address = uri.getHost() + ":" + port;
        this.redis = new JedisPooled(new HostAndPort(uri.getHost(), port), config.build());
    }

    @Override
    public void set(String key, byte[] value, int ttlSeconds) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        call("failed to client.Set", () -> ttlSeconds > 0
                ? redis.set(k, value, SetParams.setParams().ex(ttlSeconds))
                : redis.set(k, value));
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(call("failed to client.Get", () -> redis.get(key.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Runs one command. After Redis restarts, every idle pooled connection is dead; the first one to fail
     * clears them all so the command is tried once more on a fresh connection.
     */
    private <T> T call(String what, Supplier<T> command) {
        try {
            try {
                return command.get();
            } catch (JedisConnectionException e) {
                redis.getPool().clear();
                return command.get();
            }
        } catch (JedisException e) {
            throw new CapabilityException(what + ": redis " + address + ": " + e.getMessage());
        }
    }

    /** Where Redis is, without credentials. */
    public String address() {
        return address;
    }

    /** Whether Redis answers a PING now (within the command timeout). */
    public boolean reachable() {
        try {
            call("failed to ping", redis::ping);
            return true;
        } catch (CapabilityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
