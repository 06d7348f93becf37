package dev.atmo.directive;

import static dev.atmo.directive.Directives.HEADER;
import static dev.atmo.directive.Directives.problems;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Top-level, Runnable, connection, authentication and query rules, and reporting. */
class DirectiveValidatorTest {

    @Test
    void aValidDirectiveHasNoProblems() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: POST
                    resource: /hello
                    steps:
                      - fn: hello
                      - fn: world
                        with:
                          greeting: hello
                """)).isEmpty();
    }

    @Test
    void rule01IdentifierIsMissing() {
        assertThat(problems(HEADER.replace("identifier: com.suborbital.test", "identifier: \"\"")))
                .containsExactly("Directive.yaml:1:13: identifier is missing");
    }

    @Test
    void rule01IdentifierAbsentPointsAtTheDirective() {
        assertThat(problems(HEADER.replace("identifier: com.suborbital.test", "# none")))
                .containsExactly("Directive.yaml:2:1: identifier is missing");
    }

    @Test
    void rule02AppVersionMustBeGoSemverWithV() {
        assertThat(problems(HEADER.replace("appVersion: v0.1.0", "appVersion: 0.1.0")))
                .containsExactly("Directive.yaml:2:13: app version is not a valid semantic version");
    }

    @Test
    void rule03AtmoVersionMustBeGoSemverWithV() {
        assertThat(problems(HEADER.replace("atmoVersion: v0.3.0", "atmoVersion: v0.03.0")))
                .containsExactly("Directive.yaml:3:14: atmo version is not a valid semantic version");
    }

    @Test
    void rule04NoFunctionsListed() {
        assertThat(problems("""
                identifier: com.suborbital.test
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                runnables: []
                """)).containsExactly("Directive.yaml:4:12: no functions listed");
    }

    @Test
    void rule05DuplicateNamespacedFn() {
        assertThat(problems(HEADER + """
                  - name: hello
                    namespace: default
                """)).containsExactly("Directive.yaml:9:5: duplicate fn default::hello found");
    }

    @Test
    void rule05BareNameAlreadyRegisteredByTheDefaultNamespace() {
        assertThat(problems(HEADER + """
                  - name: hello
                    namespace: other
                """)).containsExactly("Directive.yaml:9:5: duplicate fn other::hello found");
    }

    @Test
    void rule06FunctionMissingName() {
        assertThat(problems(HEADER + """
                  - lang: rust
                    namespace: default
                """)).containsExactly("Directive.yaml:9:5: function at position 2 missing name");
    }

    @Test
    void rule07FixedARunnableWithoutNamespaceIsInTheDefaultNamespace() {
        String yaml = HEADER + """
                  - name: third
                handlers:
                  - type: request
                    method: GET
                    resource: /third
                    steps:
                      - fn: default::third
                """;
        assertThat(problems(yaml)).isEmpty();
    }

    @Test
    void rule08NatsServerAddressIsEmpty() {
        assertThat(problems(HEADER + """
                connections:
                  nats:
                    serverAddress: ""
                """)).containsExactly("Directive.yaml:11:5: serverAddress is empty");
    }

    @Test
    void rule09NatsServerAddressGoCannotParse() {
        assertThat(problems(HEADER + """
                connections:
                  nats:
                    serverAddress: "nats://[::1:4222"
                """)).containsExactly("Directive.yaml:11:5: failed to parse ServerAddress as URL: "
                + "parse \"nats://[::1:4222\": missing ']' in host");
    }

    @Test
    void rule10AuthenticationWithEmptyValue() {
        assertThat(problems(HEADER + """
                authentication:
                  domains:
                    api.github.com:
                      headerType: bearer
                      value: ""
                """)).containsExactly("Directive.yaml:12:7: authentication for domain api.github.com has an empty value");
    }

    @Test
    void rule10AnEnvValueAndAMissingHeaderTypeAreAccepted() {
        assertThat(problems(HEADER + """
                authentication:
                  domains:
                    api.github.com:
                      value: env(GITHUB_TOKEN)
                """)).isEmpty();
    }

    @Test
    void invalidAbiOnARunnable() {
        assertThat(problems(HEADER + """
                  - name: third
                    abi: c
                """)).containsExactly("Directive.yaml:9:5: runnable third has invalid abi c, must be 'A' or 'B'");
    }

    @Test
    void redisConnectionNeedsAnAddress() {
        assertThat(problems(HEADER + """
                connections:
                  redis:
                    username: cache
                """)).containsExactly("Directive.yaml:11:5: redis serverAddress is empty");
    }

    @Test
    void databaseConnectionNeedsAKnownTypeAndAConnectionString() {
        assertThat(problems(HEADER + """
                connections:
                  database:
                    type: sqlite
                """)).containsExactly(
                "Directive.yaml:11:5: database type sqlite is invalid, must be 'mysql' or 'postgresql'",
                "Directive.yaml:11:5: database connectionString is empty");
    }

    @Test
    void queryRules() {
        assertThat(problems(HEADER + """
                queries:
                  - query: SELECT * FROM users
                  - name: add
                  - name: odd
                    type: upsert
                    query: UPSERT x
                    varCount: -1
                  - name: guess
                    query: "  merge into users"
                """)).containsExactly(
                "Directive.yaml:10:5: query at position 0 has no name",
                "Directive.yaml:11:5: query at position 1 has no query value",
                "Directive.yaml:12:5: query at position 2 has invalid type upsert",
                "Directive.yaml:12:5: query at position 2 cannot have negative var count",
                "Directive.yaml:16:5: query at position 3 has no type and does not start with insert, select,"
                        + " update, delete");
    }

    @Test
    void severalMistakesAreAllReportedInFileOrder() {
        assertThat(problems("""
                identifier: ""
                appVersion: "1.0"
                atmoVersion: v0.3.0
                runnables:
                  - name: hello
                    namespace: default
                schedules:
                  - name: tick
                    steps:
                      - fn: hello
                handlers:
                  - type: request
                    resource: /hello
                    steps:
                      - fn: nope
                  - type: request
                    method: GET
                    resource: /world
                """)).containsExactly(
                "Directive.yaml:1:13: identifier is missing",
                "Directive.yaml:2:13: app version is not a valid semantic version",
                "Directive.yaml:8:5: schedule tick has no 'every' values",
                "Directive.yaml:12:5: handler for resource /hello has type 'request', but does not specify a method",
                "Directive.yaml:15:9: handler for  /hello lists fn at step 0 that does not exist: nope"
                        + " (did you forget a namespace?)",
                "Directive.yaml:16:5: handler for resource /world missing steps");
    }

    @Test
    void requireValidThrowsWithEveryProblem() {
        Directive directive = DirectiveLoader.load(HEADER.replace("v0.1.0", "1").getBytes(UTF_8),
                "Directive.yaml").directive();
        assertThatThrownBy(() -> DirectiveValidator.requireValid(directive,
                        "Directive.yaml"))
                .isInstanceOf(DirectiveException.class)
                .hasMessage("found 1 problems in Directive.yaml:\n\tDirective.yaml:2:13: app version is not a"
                        + " valid semantic version");
    }
}
