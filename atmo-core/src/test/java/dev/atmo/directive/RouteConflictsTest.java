package dev.atmo.directive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteConflictsTest {

    /** Handlers start at line 8, one every 5 lines: handler i is at line 8 + 5 * i. */
    private static List<String> problemsFor(String... routes) {
        StringBuilder yaml = new StringBuilder("""
                identifier: com.suborbital.test
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                runnables:
                  - name: hello
                    namespace: default
                handlers:
                """);
        for (String route : routes) {
            String[] parts = route.split(" ", 2);
            String type = parts[0].equals("WS") ? "stream" : "request";
            String method = parts[0].equals("WS") ? "\"\"" : parts[0];
            yaml.append("  - type: ").append(type).append('\n')
                    .append("    method: ").append(method).append('\n')
                    .append("    resource: \"").append(parts[1]).append("\"\n")
                    .append("    steps:\n")
                    .append("      - fn: hello\n");
        }
        return Directives.problems(yaml.toString());
    }

    @Test
    void distinctRoutesDoNotConflict() {
        assertThat(problemsFor("GET /users/:id", "GET /users/:id/posts", "POST /users/:id", "GET /users",
                "GET /users/", "GET /files/*path", "GET /files", "GET /")).isEmpty();
    }

    @Test
    void rootParameterBesideAnyFixedPath() {
        assertThat(problemsFor("GET /users", "GET /:page")).containsExactly(
                "Directive.yaml:13:5: handler for GET /:page at line 13 conflicts with handler for GET /users at"
                        + " line 8: the path parameter :page cannot share its position with a fixed path");
    }

    @Test
    void sameMethodAndPathTwice() {
        assertThat(problemsFor("GET /hello", "POST /hello", "GET /hello")).containsExactly(
                "Directive.yaml:18:5: handler for GET /hello at line 18 conflicts with handler for GET /hello"
                        + " at line 8: the same method and path are registered twice");
    }

    @Test
    void parameterBesideFixedSegment() {
        assertThat(problemsFor("GET /a/:x", "GET /a/b")).containsExactly(
                "Directive.yaml:13:5: handler for GET /a/b at line 13 conflicts with handler for GET /a/:x at"
                        + " line 8: a fixed path cannot share its position with the path parameter :x");
    }

    @Test
    void fixedSegmentBeforeParameter() {
        assertThat(problemsFor("GET /a/b", "GET /a/:x")).containsExactly(
                "Directive.yaml:13:5: handler for GET /a/:x at line 13 conflicts with handler for GET /a/b at"
                        + " line 8: the path parameter :x cannot share its position with a fixed path");
    }

    @Test
    void parameterNamesMustAgreeAtOnePosition() {
        assertThat(problemsFor("GET /users/:id", "GET /users/:name/posts")).containsExactly(
                "Directive.yaml:13:5: handler for GET /users/:name/posts at line 13 conflicts with handler for"
                        + " GET /users/:id at line 8: path parameters :id and :name at the same position must"
                        + " have the same name");
    }

    @Test
    void catchAllMustBeLast() {
        assertThat(problemsFor("GET /files/*path/meta")).containsExactly(
                "Directive.yaml:8:5: handler for GET /files/*path/meta at line 8 has an invalid route:"
                        + " catch-all routes are only allowed at the end of the path");
    }

    @Test
    void catchAllBesideRouteEndingInSlash() {
        assertThat(problemsFor("GET /src/", "GET /src/*path")).containsExactly(
                "Directive.yaml:13:5: handler for GET /src/*path at line 13 conflicts with handler for GET /src/"
                        + " at line 8: the catch-all *path cannot share its position with a route ending in '/'");
    }

    @Test
    void catchAllBesideFixedPath() {
        assertThat(problemsFor("GET /src/*path", "GET /src/main.css")).containsExactly(
                "Directive.yaml:13:5: handler for GET /src/main.css at line 13 conflicts with handler for GET"
                        + " /src/*path at line 8: a fixed path cannot share its position with the catch-all *path");
    }

    @Test
    void oneWildcardPerSegmentAndNamedWildcards() {
        assertThat(problemsFor("GET /a/:x:y", "GET /b/:")).containsExactly(
                "Directive.yaml:8:5: handler for GET /a/:x:y at line 8 has an invalid route: only one wildcard per"
                        + " path segment is allowed",
                "Directive.yaml:13:5: handler for GET /b/: at line 13 has an invalid route: wildcards must be named"
                        + " with a non-empty name");
    }

    @Test
    void websocketHandlersAreGetRoutesOnTheSameRouter() {
        assertThat(problemsFor("POST /stream", "GET /stream", "WS /stream")).containsExactly(
                "Directive.yaml:18:5: handler for GET /stream at line 18 conflicts with handler for GET /stream"
                        + " at line 13: the same method and path are registered twice");
    }

    @Test
    void methodsAreReadInUpperCaseSoPostAndPOSTConflict() {
        assertThat(problemsFor("post /a", "POST /a")).containsExactly(
                "Directive.yaml:13:5: handler for POST /a at line 13 conflicts with handler for POST /a"
                        + " at line 8: the same method and path are registered twice");
    }
}
