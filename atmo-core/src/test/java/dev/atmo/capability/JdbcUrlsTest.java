package dev.atmo.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.AtmoException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void aPostgresUrlKeepsHostPortAndDatabaseAndHandsTheCredentialsOver() {
        assertThat(JdbcUrls.of("postgresql", "postgresql://ada:secret@db.example:6543/shop?sslmode=disable"))
                .isEqualTo(new JdbcUrls.Target("jdbc:postgresql://db.example:6543/shop?stringtype=unspecified&sslmode=disable",
                        Optional.of("ada"), Optional.of("secret")));
    }

    @Test
    void aPostgresPasswordIsPercentDecodedAndAPlusStaysAPlus() {
        JdbcUrls.Target target = JdbcUrls.of("postgresql", "postgres://ada:p%40ss%3Aw%2Frd%3F%26%3D%25+x@db/shop");
        assertThat(target.user()).contains("ada");
        assertThat(target.password()).contains("p@ss:w/rd?&=%+x");
        assertThat(target.url()).isEqualTo("jdbc:postgresql://db:5432/shop?stringtype=unspecified");
    }

    @Test
    void aPostgresUrlWithoutCredentialsHasNone() {
        assertThat(JdbcUrls.of("postgresql", "postgresql://127.0.0.1/test"))
                .isEqualTo(new JdbcUrls.Target("jdbc:postgresql://127.0.0.1:5432/test?stringtype=unspecified",
                        Optional.empty(), Optional.empty()));
        assertThat(JdbcUrls.of("postgresql", "postgresql://postgres@127.0.0.1/test").password()).isEmpty();
    }

    @Test
    void everySslModeIsPassedOnAsWritten() {
        for (String mode : new String[] {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}) {
            assertThat(JdbcUrls.of("postgresql", "postgresql://h/d?sslmode=" + mode).url())
                    .isEqualTo("jdbc:postgresql://h:5432/d?stringtype=unspecified&sslmode=" + mode);
        }
    }

    @Test
    void anUnknownSslModeIsAnErrorNamingTheChoices() {
        assertThatThrownBy(() -> JdbcUrls.of("postgresql", "postgresql://h/d?sslmode=always"))
                .isInstanceOf(AtmoException.class)
                .hasMessage("database connectionString has sslmode=always; use one of allow, disable, prefer, require, "
                        + "verify-ca, verify-full");
    }

    @Test
    void libpqParametersBecomeTheirJdbcNamesAndOthersPassThrough() {
        assertThat(JdbcUrls.of("postgresql",
                "postgresql://h/d?connect_timeout=7&application_name=my%20app&sslrootcert=/etc/ca.pem").url())
                .isEqualTo("jdbc:postgresql://h:5432/d?stringtype=unspecified&connectTimeout=7"
                        + "&ApplicationName=my+app&sslrootcert=%2Fetc%2Fca.pem");
    }

    @Test
    void aPostgresUrlWithoutAHostIsAnError() {
        assertThatThrownBy(() -> JdbcUrls.of("postgresql", "postgresql:///test"))
                .isInstanceOf(AtmoException.class)
                .hasMessage("database connectionString names no host; expected postgresql://user:password@host:5432/database");
    }

    @Test
    void aMysqlDsnBecomesAMariaDbUrl() {
        assertThat(JdbcUrls.of("mysql", "ada:secret@tcp(db.example:3307)/shop"))
                .isEqualTo(new JdbcUrls.Target("jdbc:mariadb://db.example:3307/shop", Optional.of("ada"),
                        Optional.of("secret")));
    }

    @Test
    void aMysqlPasswordIsTakenAsWrittenAsTheGoDriverDoes() {
        JdbcUrls.Target target = JdbcUrls.of("mysql", "ada:p@ss:w%2F+x@tcp(db:3306)/shop");
        assertThat(target.user()).contains("ada");
        assertThat(target.password()).contains("p@ss:w%2F+x");
        assertThat(target.url()).isEqualTo("jdbc:mariadb://db:3306/shop");
    }

    @Test
    void aMysqlDsnWithoutAddressOrUserUsesTheGoDriversDefaults() {
        assertThat(JdbcUrls.of("mysql", "/shop")).isEqualTo(
                new JdbcUrls.Target("jdbc:mariadb://localhost:3306/shop", Optional.empty(), Optional.empty()));
        assertThat(JdbcUrls.of("mysql", "root@tcp(db)/shop")).isEqualTo(
                new JdbcUrls.Target("jdbc:mariadb://db:3306/shop", Optional.of("root"), Optional.empty()));
    }

    @Test
    void mysqlDsnParametersAreTranslatedInsteadOfDropped() {
        assertThat(JdbcUrls.of("mysql", "u@tcp(h:3306)/d?tls=true&timeout=5s&readTimeout=1m30s").url())
                .isEqualTo("jdbc:mariadb://h:3306/d?sslMode=verify-full&connectTimeout=5000&socketTimeout=90000");
        assertThat(JdbcUrls.of("mysql", "u@tcp(h:3306)/d?tls=skip-verify&timeout=250ms").url())
                .isEqualTo("jdbc:mariadb://h:3306/d?sslMode=trust&connectTimeout=250");
        assertThat(JdbcUrls.of("mysql", "u@tcp(h:3306)/d?tls=false").url())
                .isEqualTo("jdbc:mariadb://h:3306/d?sslMode=disable");
    }

    @Test
    void goOnlyMysqlParametersAreLeftOutAndDriverOptionsPassThrough() {
        assertThat(JdbcUrls.of("mysql", "u@tcp(h:3306)/d?parseTime=true&loc=Europe%2FParis&charset=utf8mb4"
                + "&writeTimeout=3s&useCompression=true").url())
                .isEqualTo("jdbc:mariadb://h:3306/d?useCompression=true");
    }

    @Test
    void badMysqlParametersAreErrorsNamingThem() {
        assertThatThrownBy(() -> JdbcUrls.of("mysql", "u@tcp(h:3306)/d?tls=preferred"))
                .isInstanceOf(AtmoException.class)
                .hasMessage("database connectionString has tls=preferred; use tls=true, tls=skip-verify or tls=false");
        assertThatThrownBy(() -> JdbcUrls.of("mysql", "u@tcp(h:3306)/d?timeout=soon"))
                .isInstanceOf(AtmoException.class)
                .hasMessage("database connectionString has timeout=soon, which is not a duration such as 5s or 500ms");
        assertThatThrownBy(() -> JdbcUrls.of("mysql", "u@unix(/run/mysqld.sock)/d"))
                .isInstanceOf(AtmoException.class)
                .hasMessage("database connectionString for mysql uses unix; only tcp(host:port) is supported");
        assertThatThrownBy(() -> JdbcUrls.of("mysql", "u@tcp(h:3306)"))
                .isInstanceOf(AtmoException.class)
                .hasMessage("database connectionString for mysql has no /database: expected "
                        + "user:password@tcp(host:3306)/database");
    }

    @Test
    void aJdbcUrlIsUsedAsItIs() {
        assertThat(JdbcUrls.of("mysql", "jdbc:mariadb://h/d?user=x&password=y")).isEqualTo(
                new JdbcUrls.Target("jdbc:mariadb://h/d?user=x&password=y", Optional.empty(), Optional.empty()));
    }

    @Test
    void anUnknownTypeIsAnError() {
        assertThatThrownBy(() -> JdbcUrls.of("oracle", "x"))
                .isInstanceOf(AtmoException.class)
                .hasMessage("database type oracle is not supported; use mysql or postgresql");
    }
}
