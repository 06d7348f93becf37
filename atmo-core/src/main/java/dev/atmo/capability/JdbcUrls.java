package dev.atmo.capability;

import dev.atmo.AtmoException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the connection strings Atmo Directives carry into JDBC URLs: PostgreSQL URLs
 * ({@code postgresql://user:pass@host:5432/db?sslmode=disable}) and MySQL DSNs
 * ({@code user:pass@tcp(host:3306)/db}); a {@code jdbc:} URL is used as it is.
 */
final class JdbcUrls {
    private JdbcUrls() {
    }

    static String of(String type, String connection) {
        if (connection.startsWith("jdbc:")) {
            return connection;
        }
        return switch (type) {
            case "postgresql" -> postgres(connection);
            case "mysql" -> mysql(connection);
            default -> throw new AtmoException("database type " + type + " is not supported; use mysql or postgresql");
        };
    }

    private static String postgres(String connection) {
        URI uri = URI.create(connection.replaceFirst("^postgres(ql)?://", "postgresql://"));
        List<String> params = new ArrayList<>();
        params.add("stringtype=unspecified");
        credentials(uri.getRawUserInfo(), params);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.startsWith("sslmode=")) {
                    String mode = pair.substring("sslmode=".length());
                    params.add("sslmode=" + (mode.equals("disable") ? "disable" : mode));
                }
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        return "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + "?" + String.join("&", params);
    }

    /** {@code user:password@tcp(host:port)/database?params}, Go's MySQL driver syntax. */
    private static String mysql(String dsn) {
        int at = dsn.lastIndexOf('@');
        String userInfo = at < 0 ? "" : dsn.substring(0, at);
        String rest = at < 0 ? dsn : dsn.substring(at + 1);
        String address = "localhost:3306";
        if (rest.startsWith("tcp(")) {
            int close = rest.indexOf(')');
            address = rest.substring(4, close);
            rest = rest.substring(close + 1);
        }
        String database = rest.startsWith("/") ? rest.substring(1) : rest;
        int q = database.indexOf('?');
        if (q >= 0) {
            database = database.substring(0, q);
        }
        List<String> params = new ArrayList<>();
        credentials(userInfo, params);
        return "jdbc:mariadb://" + address + "/" + database + (params.isEmpty() ? "" : "?" + String.join("&", params));
    }

    private static void credentials(String userInfo, List<String> params) {
        if (userInfo == null || userInfo.isEmpty()) {
            return;
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        params.add("user=" + URLEncoder.encode(decode(user), StandardCharsets.UTF_8));
        if (colon >= 0) {
            params.add("password=" + URLEncoder.encode(decode(userInfo.substring(colon + 1)), StandardCharsets.UTF_8));
        }
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
