package dev.atmo.capability;

import dev.atmo.wasm.host.CacheCapability;
import dev.atmo.wasm.host.CapabilityException;
import java.net.URI;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
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
        this.address = serverAddress;
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
        this.redis = new JedisPooled(new HostAndPort(uri.getHost(), port), config.build());
    }

    @Override
    public void set(String key, byte[] value, int ttlSeconds) {
        try {
            byte[] k = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (ttlSeconds > 0) {
                redis.set(k, value, SetParams.setParams().ex(ttlSeconds));
            } else {
                redis.set(k, value);
            }
        } catch (JedisException e) {
            throw new CapabilityException("failed to client.Set: redis " + address + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.ofNullable(redis.get(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (JedisException e) {
            throw new CapabilityException("failed to client.Get: redis " + address + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
