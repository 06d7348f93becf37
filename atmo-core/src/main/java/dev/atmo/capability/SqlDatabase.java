package dev.atmo.capability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.atmo.directive.DatabaseConnection;
import dev.atmo.directive.Query;
import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.DatabaseCapability;
import dev.atmo.wasm.host.InvocationInfo;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database capability: the Directive's named queries run against {@code connections.database}
 * (PostgreSQL or MySQL/MariaDB) through a small connection pool. Runnables pass values, never SQL.
 */
public final class SqlDatabase implements DatabaseCapability, AutoCloseable {
    private static final String[] TYPES = {"insert", "select", "update", "delete"};
    private static final Pattern DOLLAR = Pattern.compile("\\$(\\d+)");

    private final HikariDataSource pool;
    private final String address;
    private final Map<String, Prepared> queries = new LinkedHashMap<>();

    public SqlDatabase(DatabaseConnection connection, String connectionString, List<Query> declared) {
        HikariConfig config = new HikariConfig();
        JdbcUrls.Target target = JdbcUrls.of(connection.type(), connectionString);
        config.setJdbcUrl(target.url());
        target.user().ifPresent(config::setUsername);
        target.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5000);
        config.setInitializationFailTimeout(-1);
        config.setPoolName("atmo-db");
        this.pool = new HikariDataSource(config);
        // shown to operators: no user information, no settings (a jdbc: URL may carry a password in them)
        this.address = target.url().replaceFirst("//[^/@]*@", "//").replaceFirst("[?;].*$", "");
        for (Query query : declared) {
            queries.put(query.name(), Prepared.of(query));
        }
    }

    @Override
    public byte[] execute(int queryType, String queryName, List<String> variables, InvocationInfo caller) {
        Prepared query = queries.get(queryName);
        if (query == null) {
            throw new CapabilityException("query not found");
        }
        if (queryType < 0 || queryType >= TYPES.length) {
            throw new CapabilityException("query type invalid");
        }
        if (!TYPES[queryType].equals(query.type())) {
            throw new CapabilityException("query type incorrect");
        }
        if (variables.size() != query.varCount()) {
            throw new CapabilityException("number of variables incorrect: expected " + query.varCount()
                    + " variables, got " + variables.size());
        }
        try (Connection connection = pool.getConnection()) {
            return run(connection, query, variables);
        } catch (SQLException e) {
            throw new CapabilityException(e.getMessage());
        }
    }

    private static byte[] run(Connection connection, Prepared query, List<String> variables) throws SQLException {
        boolean insert = query.type().equals("insert");
        try (PreparedStatement statement = insert
                ? connection.prepareStatement(query.sql(), Statement.RETURN_GENERATED_KEYS)
                : connection.prepareStatement(query.sql())) {
            for (int i = 0; i < query.order().size(); i++) {
                statement.setString(i + 1, variables.get(query.order().get(i) - 1));
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            switch (query.type()) {
                case "select" -> {
                    try (ResultSet rows = statement.executeQuery()) {
                        return GoJson.encode(rows(rows));
                    }
                }
                case "insert" -> {
                    statement.executeUpdate();
                    long id = 0;
                    try (ResultSet keys = statement.getGeneratedKeys()) {
                        if (keys.next()) {
                            Object key = keys.getObject(1);
                            id = key instanceof Number n ? n.longValue() : 0;
                        }
                    }
                    result.put("lastInsertID", id).put("rowsAffected", 0);
                }
                default -> result.put("lastInsertID", 0).put("rowsAffected", statement.executeUpdate());
            }
            return GoJson.encode(result);
        }
    }

    private static ArrayNode rows(ResultSet rows) throws SQLException {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        ResultSetMetaData meta = rows.getMetaData();
        while (rows.next()) {
            ObjectNode row = out.addObject();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                String name = meta.getColumnLabel(c);
                Object value = rows.getObject(c);
                switch (value) {
                    case null -> row.putNull(name);
                    case Integer v -> row.put(name, v);
                    case Long v -> row.put(name, v);
                    case Short v -> row.put(name, v);
                    case Double v -> row.put(name, v);
                    case Float v -> row.put(name, v);
                    case BigDecimal v -> row.put(name, v);
                    case Boolean v -> row.put(name, v);
                    default -> row.put(name, String.valueOf(value));
                }
            }
        }
        return out;
    }

    /** The database's JDBC URL without credentials or settings. */
    public String address() {
        return address;
    }

    /** Whether the database hands out a working connection now (within the pool's connection timeout). */
    public boolean reachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * A declared query ready for JDBC: {@code $n} placeholders become {@code ?} with {@code order} saying
     * which variable each one takes.
     */
    record Prepared(String type, String sql, int varCount, List<Integer> order) {
        static Prepared of(Query query) {
            List<Integer> order = new ArrayList<>();
            Matcher m = DOLLAR.matcher(query.query());
            StringBuilder sql = new StringBuilder();
            while (m.find()) {
                order.add(Integer.parseInt(m.group(1)));
                m.appendReplacement(sql, "?");
            }
            m.appendTail(sql);
            if (order.isEmpty()) {
                long marks = query.query().chars().filter(ch -> ch == '?').count();
                for (int i = 1; i <= marks; i++) {
                    order.add(i);
                }
            }
            return new Prepared(query.type(), sql.toString(), query.varCount(), List.copyOf(order));
        }
    }
}
