package dev.atmo.directive;

import java.util.Objects;

/**
 * {@code connections.redis}: the Redis server backing the cache capability. Values may be
 * {@code env(NAME)}, resolved when the connection is made.
 */
public record RedisConnection(String serverAddress, String username, String password, Mark mark) {

    public RedisConnection {
        serverAddress = Copy.text(serverAddress);
        username = Copy.text(username);
        password = Copy.text(password);
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
    }

    @Override
    public String toString() {
        // a Directive is logged and printed; the password must not be
        return "RedisConnection[serverAddress=" + serverAddress + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "***") + ", mark=" + mark + "]";
    }
}
