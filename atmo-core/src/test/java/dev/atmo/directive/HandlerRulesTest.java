package dev.atmo.directive;

import static dev.atmo.directive.Directives.HEADER;
import static dev.atmo.directive.Directives.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The handler, schedule and step rules, one test per message. */
class HandlerRulesTest {

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
    void aNegativeSchedulePeriodIsRefusedAtItsEveryLine() {
        assertThat(problems(HEADER + """
                schedules:
                  - name: tick
                    every:
                      seconds: -5
                    steps:
                      - fn: hello
                  - name: tock
                    every: {minutes: 1, seconds: -60}
                    steps:
                      - fn: hello
                """)).containsExactly(
                "Directive.yaml:11:5: schedule tick has every.seconds: -5; a period cannot be negative,"
                        + " use a positive number",
                "Directive.yaml:16:12: schedule tock has every.seconds: -60; a period cannot be negative,"
                        + " use a positive number");
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
                + " not exist: other::hello (did you mean 'hello'?)");
    }

    @Test
    void aLowerCaseMethodIsReadAsTheMethodRequestsUse() {
        Handler handler = Directives.load(HEADER + """
                handlers:
                  - type: request
                    method: post
                    resource: /hello
                    steps:
                      - fn: hello
                """).directive().handlers().getFirst();
        assertThat(handler.method()).isEqualTo("POST");
        assertThat(handler.displayName()).isEqualTo("POST /hello");
    }

    @Test
    void aMistypedFnSuggestsTheRunnable() {
        assertThat(problems(HEADER + """
                handlers:
                  - type: request
                    method: GET
                    resource: /hello
                    steps:
                      - fn: helo
                """)).containsExactly("Directive.yaml:14:9: handler for GET /hello lists fn at step 0 that does"
                + " not exist: helo (did you mean 'hello'?)");
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
                """)).containsExactly("Directive.yaml:15:9: handler for GET /hello has 'with' value at step 0"
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
                """)).containsExactly("Directive.yaml:20:9: schedule for tick has 'with' value at step 1"
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
}
