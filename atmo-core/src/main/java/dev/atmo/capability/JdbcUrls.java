package dev.atmo.capability;

import dev.atmo.AtmoException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the connection strings Atmo Directives carry into JDBC settings: PostgreSQL URLs
 * ({@code postgresql://user:pass@host:5432/db?sslmode=disable}) and MySQL DSNs
 * ({@code user:pass@tcp(host:3306)/db?tls=true}); a {@code jdbc:} URL is used as it is. Credentials are kept
 * out of the URL and handed to the driver as properties, so no driver has to decode them.
 */
final class JdbcUrls {
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    /** Go driver settings with no JDBC meaning: rows become JSON either way. */
    private static final Set<String> GO_ONLY = Set.of("parseTime", "loc", "charset", "collation",
            "allowNativePasswords", "interpolateParams", "columnsWithAlias", "clientFoundRows", "maxAllowedPacket",
            "writeTimeout");
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private JdbcUrls() {
    }

    /** A JDBC URL and the user and password to connect with. */
    record Target(String url, Optional<String> user, Optional<String> password) {
    }

    static Target of(String type, String connection) {
        if (connection.startsWith("jdbc:")) {
            return new Target(connection, Optional.empty(), Optional.empty());
        }
        return switch (type) {
            case "postgresql" -> postgres(connection);
            case "mysql" -> mysql(connection);
            default -> throw new AtmoException("database type " + type + " is not supported; use mysql or postgresql");
        };
    }

    /** libpq's URL form; the password is percent-decoded as in any URL. */
    private static Target postgres(String connection) {
        URI uri;
        try {
            uri = new URI(connection.replaceFirst("^postgres(ql)?://", "postgresql://"));
        } catch (URISyntaxException e) {
            throw new AtmoException("database connectionString is not a valid postgresql:// URL: " + e.getMessage()
                    + "; percent-encode special characters in the user and password");
        }
        if (uri.getHost() == null) {
            throw new AtmoException("database connectionString names no host; expected "
                    + "postgresql://user:password@host:5432/database");
        }
        List<String> params = new ArrayList<>();
        params.add("stringtype=unspecified");
        for (String[] pair : pairs(uri.getRawQuery())) {
            String name = pair[0];
            String value = pair[1];
            switch (name) {
                case "sslmode" -> {
                    if (!SSL_MODES.contains(value)) {
                        throw new AtmoException("database connectionString has sslmode=" + value + "; use one of "
                                + String.join(", ", SSL_MODES.stream().sorted().toList()));
                    }
                    params.add("sslmode=" + value);
                }
                case "connect_timeout" -> params.add("connectTimeout=" + encode(value));
                case "application_name" -> params.add("ApplicationName=" + encode(value));
                default -> params.add(encode(name) + "=" + encode(value));
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String url = "jdbc:postgresql://" + uri.getHost() + ":" + port + (path.isEmpty() ? "/" : path) + "?"
                + String.join("&", params);
        String userInfo = uri.getUserInfo();
        return credentials(url, userInfo == null ? "" : userInfo);
    }

    /**
     * Go's MySQL driver syntax, {@code [user[:password]@][tcp[(host:port)]]/database[?params]}: the password is
     * taken as written (it may hold {@code @}, {@code :} or {@code %}), as the Go driver does.
     */
    private static Target mysql(String dsn) {
        int slash = dsn.lastIndexOf('/');
        if (slash < 0) {
            throw new AtmoException("database connectionString for mysql has no /database: expected "
                    + "user:password@tcp(host:3306)/database");
        }
        String before = dsn.substring(0, slash);
        String after = dsn.substring(slash + 1);
        int at = before.lastIndexOf('@');
        String userInfo = at < 0 ? "" : before.substring(0, at);
        String address = at < 0 ? before : before.substring(at + 1);
        String hostPort = "localhost:3306";
        if (address.startsWith("tcp(") && address.endsWith(")")) {
            hostPort = address.substring(4, address.length() - 1);
        } else if (!address.isEmpty() && !address.equals("tcp")) {
            throw new AtmoException("database connectionString for mysql uses " + address.replaceFirst("\\(.*", "")
                    + "; only tcp(host:port) is supported");
        }
        if (!hostPort.contains(":")) {
            hostPort += ":3306";
        }
        int q = after.indexOf('?');
        String database = q < 0 ? after : after.substring(0, q);
        List<String> params = new ArrayList<>();
        for (String[] pair : pairs(q < 0 ? null : after.substring(q + 1))) {
            mysqlParam(pair[0], pair[1], params);
        }
        String url = "jdbc:mariadb://" + hostPort + "/" + database + (params.isEmpty() ? "" : "?" + String.join("&", params));
        return credentials(url, userInfo);
    }

    private static void mysqlParam(String name, String value, List<String> params) {
        switch (name) {
            case "tls" -> params.add("sslMode=" + switch (value) {
                case "true" -> "verify-full";
                case "skip-verify" -> "trust";
                case "false" -> "disable";
                default -> throw new AtmoException("database connectionString has tls=" + value
                        + "; use tls=true, tls=skip-verify or tls=false");
            });
            case "timeout" -> params.add("connectTimeout=" + millis(name, value));
            case "readTimeout" -> params.add("socketTimeout=" + millis(name, value));
            default -> {
                if (!GO_ONLY.contains(name)) {
                    params.add(encode(name) + "=" + encode(value));
                }
            }
        }
    }

    /** Go durations as the MySQL driver takes them ({@code 5s}, {@code 500ms}, {@code 1m30s}). */
    private static long millis(String name, String value) {
        Matcher part = GO_DURATION_PART.matcher(value);
        double total = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            double amount = Double.parseDouble(part.group(1));
            total += switch (part.group(2)) {
                case "h" -> amount * 3_600_000;
                case "m" -> amount * 60_000;
                case "s" -> amount * 1000;
                default -> amount;
            };
            end = part.end();
        }
        if (value.isEmpty() || end != value.length()) {
            throw new AtmoException("database connectionString has " + name + "=" + value
                    + ", which is not a duration such as 5s or 500ms");
        }
        return Math.round(total);
    }

    private static List<String[]> pairs(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            pairs.add(new String[] {name, value});
        }
        return pairs;
    }

    private static Target credentials(String url, String userInfo) {
        if (userInfo.isEmpty()) {
            return new Target(url, Optional.empty(), Optional.empty());
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        Optional<String> password = colon < 0 ? Optional.empty() : Optional.of(userInfo.substring(colon + 1));
        return new Target(url, Optional.of(user), password);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
