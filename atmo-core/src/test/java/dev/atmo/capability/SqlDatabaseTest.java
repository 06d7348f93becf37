package dev.atmo.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Named queries run by an ABI B Runnable against the machine's PostgreSQL and MariaDB. */
class SqlDatabaseTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String MARIADB_ADMIN = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    private static String call(AtmoServer server, String commands) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/abi-b-rust"))
                .POST(HttpRequest.BodyPublishers.ofString(commands)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aMysqlPasswordFullOfUrlCharactersReachesTheDatabase(@TempDir Path dir) throws Exception {
        String user = "atmo_pw_" + UUID.randomUUID().toString().substring(0, 8);
        String password = "p@ss:w/rd?&=%+ x#";
        try (Connection admin = DriverManager.getConnection(MARIADB_ADMIN); Statement s = admin.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
            s.execute("GRANT SELECT ON test.* TO '" + user + "'@'%'");
        }
        try {
            TestBundle.write(dir, """
                    connections:
                      database:
                        type: mysql
                        connectionString: %s:%s@tcp(127.0.0.1:3306)/test?parseTime=true
                    queries:
                      - name: whoami
                        query: SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AS who
                    """.formatted(user, password), "abi-b-rust");
            try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0)
                    .build())) {
                assertThat(call(server, "db 1 whoami")).isEqualTo("rc=%d ffi=0 data=[{\"who\":\"%s\"}]"
                        .formatted(("[{\"who\":\"" + user + "\"}]").length(), user));
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(MARIADB_ADMIN); Statement s = admin.createStatement()) {
                s.execute("DROP USER '" + user + "'@'%'");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "postgresql, postgresql://postgres@127.0.0.1:5432/test?sslmode=disable, jdbc:postgresql://127.0.0.1:5432/test?user=postgres, '$1', '$2', SERIAL",
        "mysql, root@tcp(127.0.0.1:3306)/test, jdbc:mariadb://127.0.0.1:3306/test?user=root, '?', '?', INT AUTO_INCREMENT",
    })
    void declaredQueriesRunWithTheGuestsVariables(String type, String connection, String jdbc, String first,
                                                 String second, String serial, @TempDir Path dir) throws Exception {
        String table = "atmo_users_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(jdbc); Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id " + serial + " PRIMARY KEY, email VARCHAR(100), age INT)");
        }
        String bySecond = second.equals("$2") ? "$1" : "?";
        TestBundle.write(dir, """
                connections:
                  database:
                    type: %s
                    connectionString: %s
                queries:
                  - name: add-user
                    query: INSERT INTO %s (email, age) VALUES (%s, %s)
                  - name: user-by-email
                    query: SELECT email, age FROM %s WHERE email = %s
                  - name: birthday
                    query: UPDATE %s SET age = age + 1 WHERE email = %s
                  - name: remove
                    query: DELETE FROM %s WHERE email = %s
                """.formatted(type, connection, table, first, second, table, bySecond, table, bySecond, table, bySecond),
                "abi-b-rust");
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0).build())) {
            assertThat(call(server, "var email ada@example.com\nvar age 36\ndb 0 add-user"))
                    .isEqualTo("rc=0\nrc=0\nrc=35 ffi=0 data={\"lastInsertID\":1,\"rowsAffected\":0}");
            assertThat(call(server, "var email ada@example.com\ndb 2 birthday"))
                    .isEqualTo("rc=0\nrc=35 ffi=0 data={\"lastInsertID\":0,\"rowsAffected\":1}");
            assertThat(call(server, "var email ada@example.com\ndb 1 user-by-email"))
                    .isEqualTo("rc=0\nrc=38 ffi=0 data=[{\"age\":37,\"email\":\"ada@example.com\"}]");
            assertThat(call(server, "var email nobody@example.com\ndb 1 user-by-email"))
                    .isEqualTo("rc=0\nrc=2 ffi=0 data=[]");
            assertThat(call(server, "db 1 no-such-query")).isEqualTo("rc=-15 ffi=0 err=query not found");
            assertThat(call(server, "var email x\ndb 0 user-by-email")).isEqualTo("rc=0\nrc=-20 ffi=0 err=query type incorrect");
            assertThat(call(server, "db 1 user-by-email"))
                    .isEqualTo("rc=-58 ffi=0 err=number of variables incorrect: expected 1 variables, got 0");
            assertThat(call(server, "var email ada@example.com\ndb 3 remove"))
                    .isEqualTo("rc=0\nrc=35 ffi=0 data={\"lastInsertID\":0,\"rowsAffected\":1}");
        } finally {
            try (Connection admin = DriverManager.getConnection(jdbc); Statement s = admin.createStatement()) {
                s.execute("DROP TABLE " + table);
            }
        }
    }
}
