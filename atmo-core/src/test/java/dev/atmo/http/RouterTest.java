package dev.atmo.http;

import dev.atmo.request.HeaderNames;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router<String> router = Router.<String>builder()
            .add("POST", "/hello", "hello")
            .add("GET", "/hello", "get-hello")
            .add("GET", "/user/:id", "user")
            .add("GET", "/user/:id/posts/:post", "post")
            .add("GET", "/file/*file", "file")
            .add("GET", "/dir/", "dir")
            .add("GET", "/CamelCase", "camel")
            .build();

    @Test
    void staticRouteMatchesExactly() {
        assertThat(router.find("POST", "/hello")).isEqualTo(new RouteLookup.Found<>("hello", Map.of()));
    }

    @Test
    void aStaticRouteNeverOvertakesAnEarlierRouteThatMatchesTheSamePath() {
        Router<String> ordered = Router.<String>builder()
                .add("GET", "/a/:x", "param")
                .add("GET", "/a/b", "static")
                .add("GET", "/c", "plain")
                .build();
        assertThat(ordered.find("GET", "/a/b")).isEqualTo(new RouteLookup.Found<>("param", Map.of("x", "b")));
        assertThat(ordered.find("GET", "/c")).isEqualTo(new RouteLookup.Found<>("plain", Map.of()));
        assertThat(ordered.find("GET", "/C")).isEqualTo(new RouteLookup.Redirect<>("/c"));
        assertThat(ordered.find("POST", "/c")).isInstanceOf(RouteLookup.MethodNotAllowed.class);
    }

    @Test
    void namedParametersMatchOneSegment() {
        assertThat(router.find("GET", "/user/42")).isEqualTo(new RouteLookup.Found<>("user", Map.of("id", "42")));
        assertThat(router.find("GET", "/user/42/posts/7"))
                .isEqualTo(new RouteLookup.Found<>("post", Map.of("id", "42", "post", "7")));
    }

    @Test
    void catchAllKeepsItsLeadingSlash() {
        assertThat(router.find("GET", "/file/css/main.css"))
                .isEqualTo(new RouteLookup.Found<>("file", Map.of("file", "/css/main.css")));
        assertThat(router.find("GET", "/file/"))
                .isEqualTo(new RouteLookup.Found<>("file", Map.of("file", "/")));
    }

    @Test
    void trailingSlashRedirectsBothWays() {
        assertThat(router.find("GET", "/hello/")).isEqualTo(new RouteLookup.Redirect<>("/hello"));
        assertThat(router.find("GET", "/dir")).isEqualTo(new RouteLookup.Redirect<>("/dir/"));
        assertThat(router.find("GET", "/file")).isEqualTo(new RouteLookup.Redirect<>("/file/"));
    }

    @Test
    void cleanedAndCaseInsensitivePathsRedirect() {
        assertThat(router.find("GET", "/camelcase")).isEqualTo(new RouteLookup.Redirect<>("/CamelCase"));
        assertThat(router.find("POST", "//hello")).isEqualTo(new RouteLookup.Redirect<>("/hello"));
        assertThat(router.find("GET", "/user/../hello")).isEqualTo(new RouteLookup.Redirect<>("/hello"));
    }

    @Test
    void otherMethodsGet405WithTheAllowedMethods() {
        assertThat(router.find("DELETE", "/hello"))
                .isEqualTo(new RouteLookup.MethodNotAllowed<>(List.of("GET", "POST", "OPTIONS")));
    }

    @Test
    void optionsIsAnsweredAutomatically() {
        assertThat(router.find("OPTIONS", "/hello")).isEqualTo(new RouteLookup.Options<>(List.of("GET", "POST", "OPTIONS")));
        assertThat(router.find("OPTIONS", "/nowhere")).isEqualTo(new RouteLookup.NotFound<>());
    }

    @Test
    void unknownPathsAreNotFound() {
        assertThat(router.find("GET", "/nope")).isEqualTo(new RouteLookup.NotFound<>());
        assertThat(router.find("PUT", "/nope")).isEqualTo(new RouteLookup.NotFound<>());
    }

    @Test
    void sameParameterAtTheSamePositionDoesNotConflict() {
        Router<String> r = Router.<String>builder().add("GET", "/a/:x/b", "1").add("GET", "/a/:x/c", "2").build();
        assertThat(r.find("GET", "/a/1/c")).isEqualTo(new RouteLookup.Found<>("2", Map.of("x", "1")));
    }

    @Test
    void canonicalHeaderNamesFollowGo() {
        assertThat(HeaderNames.canonical("content-type")).isEqualTo("Content-Type");
        assertThat(HeaderNames.canonical("x-custom-HEADER")).isEqualTo("X-Custom-Header");
        assertThat(HeaderNames.canonical("bad header")).isEqualTo("bad header");
    }
}
