package dev.atmo.directive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirectiveValidatorTest {

    /** Eight lines: a valid start every test builds on, so its own lines start at 9. */
    private static final String HEADER = """
            identifier: com.suborbital.test
            appVersion: v0.1.0
            atmoVersion: v0.3.0
            runnables:
              - name: hello
                namespace: default
              - name: world
                namespace: default
            """;

    static List<String> problems(String yaml) {
        Directive directive = DirectiveLoader.load(yaml.getBytes(UTF_8), "Directive.yaml").directive();
        return DirectiveValidator.validate(directive).stream().map(Problem::toString).toList();
    }

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
    void rule11InvalidHandlerType() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: poll
                    resource: /hello
                    steps:
                      - fn: hello
                """)).containsExactly(
                "Directive.yaml:10:5: handler for resource /hello has invalid type, must be 'request' or 'stream'");
    }

    @Test
    void rule12HandlerMissingResourceAlsoLacksTheLeadingSlash() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    steps:
                      - fn: hello
                """)).containsExactly(
                "Directive.yaml:10:5: handler at position 0 missing resource",
                "Directive.yaml:10:5: handler resource must begin with leading slash '/': ");
    }

    @Test
    void rule13RequestResourceWithoutLeadingSlash() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: hello
                    steps:
                      - fn: hello
                """)).containsExactly("Directive.yaml:10:5: handler resource must begin with leading slash '/': hello");
    }

    @Test
    void rule13WebsocketResourceWithoutLeadingSlash() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: stream
                    resource: stream
                    steps:
                      - fn: hello
                """)).containsExactly("Directive.yaml:10:5: handler resource must begin with leading slash '/': stream");
    }

    @Test
    void rule14RequestWithoutMethod() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    resource: /hello
                    steps:
                      - fn: hello
                """)).containsExactly(
                "Directive.yaml:10:5: handler for resource /hello has type 'request', but does not specify a method");
    }

    @Test
    void rule15RequestWithRespondTo() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    respondTo: reply
                    steps:
                      - fn: hello
                """)).containsExactly("Directive.yaml:10:5: handler for resource /hello has type 'request', but"
                + " defines a 'respondTo' field, which only valid for type 'stream'");
    }

    @Test
    void rule16NatsSourceWithoutConnection() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: stream
                    source: nats
                    resource: user.login
                    steps:
                      - fn: hello
                """)).containsExactly(
                "Directive.yaml:10:5: handler for resource user.login references source nats that is not configured");
    }

    @Test
    void rule17UnknownSource() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: stream
                    source: kafka
                    resource: user.login
                    steps:
                      - fn: hello
                """)).containsExactly(
                "Directive.yaml:10:5: handler for resource user.login references source kafka that does not exist");
    }

    @Test
    void rule18HandlerMissingSteps() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                """)).containsExactly("Directive.yaml:10:5: handler for resource /hello missing steps");
    }

    @Test
    void rule19GroupAsLastStepNeedsResponse() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - group:
                          - fn: hello
                          - fn: world
                """)).containsExactly("Directive.yaml:10:5: handler for GET /hello has group as last step but"
                + " does not include 'response' field");
    }

    @Test
    void rule20ResponseKeyMustBeProduced() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    response: nothing
                    steps:
                      - fn: hello
                """)).containsExactly(
                "Directive.yaml:10:5: handler for GET /hello lists response state key that does not exist: nothing");
    }

    @Test
    void rule20ResponseNamingAnAsKeyIsProduced() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    response: greeting
                    steps:
                      - group:
                          - fn: hello
                            as: greeting
                          - fn: world
                      - fn: hello
                        as: last
                """)).isEmpty();
    }

    @Test
    void rule21ScheduleWithoutName() {
        assertThat(problems(HEADER + """
                schedules:
                  - every:
                      seconds: 5
                    steps:
                      - fn: hello
                """)).containsExactly("Directive.yaml:10:5: schedule at position 0 has no name");
    }

    @Test
    void rule22ScheduleWithoutSteps() {
        assertThat(problems(HEADER + """
                schedules:
                  - name: tick
                    every:
                      seconds: 5
                """)).containsExactly("Directive.yaml:10:5: schedule tick missing steps");
    }

    @Test
    void rule23ScheduleWithoutEvery() {
        assertThat(problems(HEADER + """
                schedules:
                  - name: tick
                    steps:
                      - fn: hello
                """)).containsExactly("Directive.yaml:10:5: schedule tick has no 'every' values");
    }

    @Test
    void rule24StepThatIsBothFnAndGroup() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - fn: hello
                        group:
                          - fn: world
                """)).containsExactly(
                "Directive.yaml:14:9: step at position 0 for handler GET /hello isn't an Fn, Group, or ForEach");
    }

    @Test
    void rule25FnThatDoesNotExist() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - fn: hello
                      - fn: other::hello
                """)).containsExactly("Directive.yaml:15:9: handler for GET /hello lists fn at step 1 that does"
                + " not exist: other::hello (did you forget a namespace?)");
    }

    @Test
    void rule25StreamHandlerNameHasALeadingSpace() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: stream
                    resource: /stream
                    steps:
                      - fn: nope
                """)).containsExactly("Directive.yaml:13:9: handler for  /stream lists fn at step 0 that does"
                + " not exist: nope (did you forget a namespace?)");
    }

    @Test
    void rule26WithKeyNotYetInState() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - fn: hello
                        with:
                          name: world
                      - fn: world
                """)).containsExactly("Directive.yaml:14:9: handler for GET /hello has 'with' value at step 0"
                + " referencing a key that is not yet available in the handler's state: world");
    }

    @Test
    void rule26ScheduleStateCountsAsAvailable() {
        assertThat(problems(HEADER + """
                schedules:
                  - name: tick
                    every:
                      minutes: 1
                    state:
                      seed: "1"
                    steps:
                      - fn: hello
                        with:
                          input: seed
                      - fn: world
                        with:
                          missing: nope
                """)).containsExactly("Directive.yaml:19:9: schedule for tick has 'with' value at step 1"
                + " referencing a key that is not yet available in the handler's state: nope");
    }

    @Test
    void rule27OnErrAnyBesideCodes() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - fn: hello
                        onErr:
                          code:
                            404: continue
                          any: continue
                """)).containsExactly("Directive.yaml:14:9: handler for GET /hello has 'onErr.any' value at"
                + " step 0 while specific codes are specified, use 'other' instead");
    }

    @Test
    void rule28OnErrAnyInvalid() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - fn: hello
                        onErr:
                          any: retry
                """)).containsExactly("Directive.yaml:14:9: handler for GET /hello has 'onErr.any' value at"
                + " step 0 with an invalid error directive: retry");
    }

    @Test
    void rule29OnErrOtherWithoutCodes() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - fn: hello
                        onErr:
                          other: continue
                """)).containsExactly("Directive.yaml:14:9: handler for GET /hello has 'onErr.other' value at"
                + " step 0 while specific codes are not specified, use 'any' instead");
    }

    @Test
    void rule30FixedOnErrOtherInvalidNamesOther() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - fn: hello
                        onErr:
                          code:
                            400: return
                          other: skip
                """)).containsExactly("Directive.yaml:14:9: handler for GET /hello has 'onErr.other' value at"
                + " step 0 with an invalid error directive: skip");
    }

    @Test
    void rule31OnErrCodeInvalid() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - fn: hello
                        onErr:
                          code:
                            404: ignore
                """)).containsExactly("Directive.yaml:14:9: handler for GET /hello has 'onErr.code' value at"
                + " step 0 with an invalid error directive for code 404: ignore");
    }

    @Test
    void rule32ForEachMissingIn() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - forEach:
                          fn: hello
                          as: all
                """)).containsExactly(
                "Directive.yaml:15:11: ForEach at position 0 for handler GET /hello is missing 'in' value");
    }

    @Test
    void rule33ForEachMissingAs() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - forEach:
                          in: people
                          fn: hello
                """)).containsExactly(
                "Directive.yaml:15:11: ForEach at position 0 for handler GET /hello is missing 'as' value");
    }

    @Test
    void forEachInIsNotCheckedAgainstState() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - forEach:
                          in: people
                          fn: hello
                          as: greetings
                """)).isEmpty();
    }

    @Test
    void groupMembersAreCheckedOneByOne() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    response: hello
                    steps:
                      - group:
                          - fn: hello
                          - fn: nope
                            onErr:
                              any: maybe
                """)).containsExactly(
                "Directive.yaml:17:13: handler for GET /hello lists fn at step 0 that does not exist: nope"
                        + " (did you forget a namespace?)",
                "Directive.yaml:17:13: handler for GET /hello has 'onErr.any' value at step 0 with an invalid"
                        + " error directive: maybe");
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
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DirectiveValidator.requireValid(directive,
                        "Directive.yaml"))
                .isInstanceOf(DirectiveException.class)
                .hasMessage("found 1 problems in Directive.yaml:\n\tDirective.yaml:2:13: app version is not a"
                        + " valid semantic version");
    }
}
