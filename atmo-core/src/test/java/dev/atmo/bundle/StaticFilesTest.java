package dev.atmo.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticFilesTest {

    @ParameterizedTest
    @CsvSource({
        "css/main.css, css/main.css",
        "/css/main.css, css/main.css",
        "./css/main.css, css/main.css",
        "static/css/main.css, css/main.css",
        "static//css/main.css, css/main.css",
        "static/./css/main.css, css/main.css",
        "/./css/main.css, css/main.css",
        "./static/css/main.css, static/css/main.css",
        "a..b/c, a..b/c"})
    void namesAreNormalisedOnceInAtmosOrder(String name, String key) {
        assertThat(StaticFiles.normalise(name)).contains(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "static/", "..", "../x", "a/../x", "a/..", "static/../x", "./../x",
        "//etc/passwd", "a\\..\\x", "nul\0byte"})
    void namesThatTryToLeaveStaticFindNothing(String name) {
        assertThat(StaticFiles.normalise(name)).isEmpty();
    }

    @Test
    void inMemoryFilesAreLookedUpByNormalisedName() {
        StaticFiles files = StaticFiles.of(Map.of("main.md", new byte[]{1, 2}, "css/a.css", new byte[]{3}));
        assertThat(files.get("static/main.md")).contains(new byte[]{1, 2});
        assertThat(files.get("/css/a.css")).contains(new byte[]{3});
        assertThat(files.get("css")).isEmpty();
        assertThat(files.names()).containsExactly("css/a.css", "main.md");
    }

    @Test
    void callersGetTheirOwnCopy() {
        StaticFiles files = StaticFiles.of(Map.of("a", new byte[]{1}));
        files.get("a").orElseThrow()[0] = 9;
        assertThat(files.get("a")).contains(new byte[]{1});
    }

    @Test
    void emptyHasNothing() {
        assertThat(StaticFiles.empty().get("a")).isEmpty();
        assertThat(StaticFiles.empty().names()).isEmpty();
    }
}
