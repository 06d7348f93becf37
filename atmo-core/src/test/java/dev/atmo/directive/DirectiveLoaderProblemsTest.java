package dev.atmo.directive;

import static dev.atmo.directive.Directives.load;
import static dev.atmo.directive.Directives.loadErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What reading a Directive reports: warnings it goes on after, and mistakes that stop it. */
class DirectiveLoaderProblemsTest {

    @Test
    void unknownKeysAreWarningsAndExtensionsAndCapabilitiesAreKept() {
        LoadResult result = load("""
                identifier: com.x
                appVersion: v1
                atmoVersion: v0.3.0
                runnables:
                  - name: hello
                    langauge: rust
                handlers:
                  - type: request
                    method: GET
                    resource: /x
                    queueGroup: workers
                    allowedOrigins: [a.com, b.com]
                    steps:
                      - fn: hello
                        onError: {any: continue}
                extra: 1
                capabilities:
                  http:
                    enabled: true
                    rules: [a, b]
                """);

        assertThat(result.warnings()).extracting(Problem::toString).containsExactly(
                "Directive.yaml:6:5: unknown key 'langauge' in runnables[0]",
                "Directive.yaml:11:5: queueGroup in handlers[0] has no effect: it applies to NATS stream handlers"
                        + " (type: stream, source: nats)",
                "Directive.yaml:12:5: allowedOrigins in handlers[0] has no effect: it applies to websocket stream"
                        + " handlers (type: stream, no source)",
                "Directive.yaml:15:9: unknown key 'onError' in handlers[0].steps[0] (did you mean 'onErr'?)",
                "Directive.yaml:16:1: unknown key 'extra' in the Directive");
        assertThat(result.directive().handlers().getFirst().extensions())
                .containsExactly(Map.entry("queueGroup", "workers"), Map.entry("allowedOrigins", "a.com,b.com"));
        assertThat(result.directive().capabilities())
                .isEqualTo(Map.of("http", Map.of("enabled", "true", "rules", List.of("a", "b"))));
    }

    @Test
    void typeMismatchesAreAllReportedTogether() {
        assertThat(loadErrors("""
                identifier: com.x
                appVersion: v1
                atmoVersion: v0.3.0
                headless: maybe
                runnables:
                  name: hello
                handlers:
                  - type: request
                    method: GET
                    resource: /x
                    steps:
                      - fn: hello
                        onErr:
                          code:
                            abc: continue
                        with: [a, b]
                schedules:
                  - name: tick
                    every:
                      seconds: often
                """)).containsExactly(
                "Directive.yaml:4:11: headless must be true or false, found 'maybe'",
                "Directive.yaml:6:3: runnables must be a list, found a mapping",
                "Directive.yaml:15:13: handlers[0].steps[0].onErr.code keys must be whole-number error codes,"
                        + " found 'abc'",
                "Directive.yaml:16:15: handlers[0].steps[0].with must be a mapping, found a list",
                "Directive.yaml:20:16: schedules[0].every.seconds must be a whole number, found 'often'");
    }

    @Test
    void theExceptionMessageListsEveryProblem() {
        assertThatThrownBy(() -> load("""
                identifier: com.x
                handlers: {}
                schedules: nope
                """))
                .isInstanceOf(DirectiveException.class)
                .hasMessage("found 2 problems in Directive.yaml:\n"
                        + "\tDirective.yaml:2:11: handlers must be a list, found a mapping\n"
                        + "\tDirective.yaml:3:12: schedules must be a list, found 'nope'");
    }

    @Test
    void aStepThatIsNotAMappingIsAnError() {
        assertThat(loadErrors("""
                handlers:
                  - type: request
                    steps:
                      - hello
                """)).containsExactly("Directive.yaml:4:9: handlers[0].steps[0] must be a mapping, found 'hello'");
    }

    @Test
    void yamlSyntaxErrorsNameTheirPosition() {
        List<String> errors = loadErrors("""
                identifier: com.x
                appVersion: [v1
                atmoVersion: v0.3.0
                """);
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst()).startsWith("Directive.yaml:3:").contains(": invalid YAML: ");
    }

    @Test
    void aliasesCannotBlowUpFreeFormSections() {
        StringBuilder yaml = new StringBuilder("capabilities:\n  l0: &l0 [x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 8; level++) {
            String previous = "*l" + (level - 1);
            yaml.append("  l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(5, previous))).append("]\n");
        }
        String tooLarge = " is too large: more than 100000 values once aliases are expanded";
        assertThat(loadErrors(yaml.toString())).containsExactly(
                "Directive.yaml:8:7: capabilities.l6" + tooLarge,
                "Directive.yaml:9:7: capabilities.l7" + tooLarge,
                "Directive.yaml:10:7: capabilities.l8" + tooLarge);
    }

    @Test
    void anUnknownKeyIsReportedWithItsLikelyMeaningAlsoWhenReadingFails() {
        DirectiveException failure = catchThrowableOfType(DirectiveException.class, () -> load("""
                identifier: com.x
                handlers:
                  - type: request
                    resouce: /x
                    method: [GET]
                """));

        assertThat(failure.problems()).extracting(Problem::toString).containsExactly(
                "Directive.yaml:5:13: handlers[0].method must be a single value, found a list");
        assertThat(failure.warnings()).extracting(Problem::toString).containsExactly(
                "Directive.yaml:4:5: unknown key 'resouce' in handlers[0] (did you mean 'resource'?)");
    }

    @Test
    void anOversizedDirectiveIsRefusedBeforeItIsParsed() {
        String huge = "identifier: com.x\nappVersion: v1\nvalue: " + "x".repeat(50 * 1024 * 1024) + "\n";

        assertThat(loadErrors(huge)).containsExactly("Directive.yaml: the Directive is " + huge.length()
                + " bytes, more than the limit of 1048576 bytes (1 MiB); it was not read");
    }

    @Test
    void deeplyNestedListsAreRefusedWithTheirLine() {
        assertThat(loadErrors("identifier: com.x\nvalue: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"))
                .containsExactly("Directive.yaml:2:71: the Directive nests mappings and lists more than 64"
                        + " levels deep; it was not read further");
    }

    @Test
    void deeplyNestedMappingsAreRefusedWithTheirLine() {
        assertThat(loadErrors("identifier: com.x\ncapabilities:\n  " + "{a: ".repeat(5_000) + "1"
                + "}".repeat(5_000) + "\n"))
                .containsExactly("Directive.yaml:3:255: the Directive nests mappings and lists more than 64"
                        + " levels deep; it was not read further");
    }

    @Test
    void anEmptyDocumentIsAClearProblem() {
        assertThat(loadErrors("")).containsExactly("Directive.yaml: the Directive is empty");
        assertThat(loadErrors("# nothing here\n")).containsExactly("Directive.yaml: the Directive is empty");
    }

    @Test
    void aDirectiveThatIsNotAMappingIsAnError() {
        assertThat(loadErrors("- a\n- b\n"))
                .containsExactly("Directive.yaml:1:1: the Directive must be a mapping, found a list");
    }

    @Test
    void duplicateKeysWarnAndTheLastWins() {
        LoadResult result = load("""
                identifier: com.x
                identifier: com.y
                """);
        assertThat(result.directive().identifier()).isEqualTo("com.y");
        assertThat(result.warnings()).extracting(Problem::toString)
                .containsExactly("Directive.yaml:2:1: duplicate key 'identifier' in the Directive, the last one is used");
    }
}
