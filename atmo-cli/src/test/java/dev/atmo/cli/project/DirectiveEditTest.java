package dev.atmo.cli.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirectiveEditTest {

    private static final String HEAD = """
            # my app
            identifier: com.example.app
            appVersion: v0.1.0
            atmoVersion: v0.5.0
            """;

    @Test
    void aRouteGoesAfterTheLastHandlerKeepingCommentsAndWhatFollows() {
        String before = HEAD + """

                handlers:
                    # the greeting
                    - type: request
                      method: POST
                      resource: /hello   # public
                      steps:
                        - fn: hello

                # nightly work
                schedules:
                  - name: nightly
                    every:
                      hours: 24
                    steps:
                      - fn: hello
                """;
        DirectiveEdit edit = new DirectiveEdit("Directive.yaml", before).addRoute("get", "/x/:id", "x");
        assertThat(edit.text()).isEqualTo(HEAD + """

                handlers:
                    # the greeting
                    - type: request
                      method: POST
                      resource: /hello   # public
                      steps:
                        - fn: hello
                    - type: request
                      method: GET
                      resource: /x/:id
                      steps:
                        - fn: x

                # nightly work
                schedules:
                  - name: nightly
                    every:
                      hours: 24
                    steps:
                      - fn: hello
                """);
        edit.validate(List.of("hello", "x"));
    }

    @Test
    void itemsWrittenAtTheKeysIndentationStayThere() {
        String before = HEAD + "handlers:\n- type: request\n  method: POST\n  resource: /a\n  steps:\n    - fn: a\n";
        assertThat(new DirectiveEdit("Directive.yaml", before).addRoute("POST", "/b", "b").text())
                .isEqualTo(before + "- type: request\n  method: POST\n  resource: /b\n  steps:\n    - fn: b\n");
    }

    @Test
    void aDirectiveWithoutHandlersGetsTheListAtTheEnd() {
        assertThat(new DirectiveEdit("Directive.yaml", HEAD).addRoute("POST", "/x", "x").text()).isEqualTo(HEAD + """

                handlers:
                  - type: request
                    method: POST
                    resource: /x
                    steps:
                      - fn: x
                """);
    }

    @Test
    void aRunnableIsDeclaredOnlyWhereTheDirectiveListsRunnables() {
        assertThat(new DirectiveEdit("Directive.yaml", HEAD).declareRunnable("x", Language.C).text())
                .isEqualTo(HEAD);
        String listed = HEAD + "runnables:\n  - name: hello\n    namespace: default\n";
        assertThat(new DirectiveEdit("Directive.yaml", listed).declareRunnable("x", Language.C).text())
                .isEqualTo(listed + "  - name: x\n    namespace: default\n    lang: c\n");
    }

    @Test
    void aFlowListIsNotRewritten() {
        assertThatThrownBy(() -> new DirectiveEdit("Directive.yaml", HEAD + "handlers: []\n")
                .addRoute("POST", "/x", "x"))
                .isInstanceOf(ProjectException.class)
                .hasMessage("Directive.yaml:5: handlers is not written as a block list ('- ' items on the following "
                        + "lines); add the entry by hand");
    }

    @Test
    void invalidRoutesAreUsageErrors() {
        DirectiveEdit edit = new DirectiveEdit("Directive.yaml", HEAD);
        assertThatThrownBy(() -> edit.addRoute("POST", "x", "x")).isInstanceOf(UsageException.class)
                .hasMessage("invalid route path 'x': it must start with '/' and have no spaces, for example /x");
        assertThatThrownBy(() -> edit.addRoute("PO ST", "/x", "x")).isInstanceOf(UsageException.class)
                .hasMessage("invalid HTTP method 'PO ST' for --route; give for example POST /x");
    }

    @Test
    void aResultTheDirectiveRulesRefuseIsReportedWithItsLine() {
        String before = HEAD + "handlers:\n  - type: request\n    method: POST\n    resource: /hello\n    steps:\n"
                + "      - fn: hello\n";
        DirectiveEdit edit = new DirectiveEdit("Directive.yaml", before).addRoute("POST", "/hello", "other");
        assertThatThrownBy(() -> edit.validate(List.of("hello", "other")))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("Directive.yaml:11:5: handler for POST /hello at line 11 conflicts with handler "
                        + "for POST /hello at line 6")
                .hasMessageEndingWith("Directive.yaml left unchanged (the lines above are those it would have had "
                        + "with the addition)");
    }

    @Test
    void aStepCallingAnUnknownRunnableIsRefused() {
        DirectiveEdit edit = new DirectiveEdit("Directive.yaml", HEAD).addRoute("POST", "/x", "x");
        assertThatThrownBy(() -> edit.validate(List.of("hello")))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("lists fn at step 0 that does not exist: x");
    }
}
