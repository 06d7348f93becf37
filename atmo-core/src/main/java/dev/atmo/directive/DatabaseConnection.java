package dev.atmo.directive;

import java.util.Objects;

/** {@code connections.database}: a {@code mysql} or {@code postgresql} database for the queries. */
public record DatabaseConnection(String type, String connectionString, Mark mark) {

    public static final String MYSQL = "mysql";
    public static final String POSTGRESQL = "postgresql";

    public DatabaseConnection {
        type = Copy.text(type);
        connectionString = Copy.text(connectionString);
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
    }

    @Override
    public String toString() {
        // connection strings usually embed a password
        return "DatabaseConnection[type=" + type + ", connectionString=***, mark=" + mark + "]";
    }
}
