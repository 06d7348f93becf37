package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.testing.RepositoryRoot;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onErr} of forEach steps and of group members, seen from an HTTP client. */
class OnErrOverHttpTest {
    private static final String PEOPLE = "[{\"name\":\"Ada\"},{\"nick\":\"no name\"},{\"name\":\"Bob\"}]";
    @TempDir
    static Path dir;
    private static AtmoServer server;

    @BeforeAll
    static void start() throws Exception {
        for (String name : new String[] {"echo", "run-each", "helloworld-rs", "return-err"}) {
            Path source = RepositoryRoot.resolve("testdata/bundles/example-project").resolve(name);
            Path target = Files.createDirectories(dir.resolve(name));
            Files.copy(source.resolve(".runnable.yaml"), target.resolve(".runnable.yaml"));
            Files.copy(source.resolve(name + ".wasm"), target.resolve(name + ".wasm"));
        }
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: com.example.onerr
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                handlers:
                  - type: request
                    method: POST
                    resource: /each/continue
                    steps:
                      - fn: echo
                        as: people
                      - forEach:
                          in: people
                          fn: run-each
                          as: greeted
                          onErr:
                            any: continue
                      - fn: helloworld-rs
                    response: greeted
                  - type: request
                    method: POST
                    resource: /each/return
                    steps:
                      - fn: echo
                        as: people
                      - forEach:
                          in: people
                          fn: run-each
                          as: greeted
                          onErr:
                            any: return
                      - fn: helloworld-rs
                  - type: request
                    method: POST
                    resource: /each/not-json
                    steps:
                      - fn: echo
                        as: people
                      - forEach:
                          in: people
                          fn: helloworld-rs
                          as: greeted
                          onErr:
                            any: continue
                  - type: request
                    method: POST
                    resource: /group/continue
                    steps:
                      - group:
                          - fn: helloworld-rs
                          - fn: return-err
                            onErr:
                              any: continue
                    response: return-err
                  - type: request
                    method: POST
                    resource: /group/return
                    steps:
                      - group:
                          - fn: helloworld-rs
                          - fn: return-err
                            onErr:
                              code:
                                400: return
                              other: continue
                      - fn: helloworld-rs
                """);
        server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0).runSchedules(false)
                .build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aForEachElementFailureUnderContinueStoresTheErrorAndTheStepsGoOn() {
        HttpResponse<String> response = TestServers.send(server, "POST", "/each/continue", PEOPLE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"code\":500,\"message\":\"__elem has no string member name\"}");
    }

    @Test
    void everyElementSucceedingGivesTheCollectedOutputsEvenUnderContinue() {
        HttpResponse<String> response = TestServers.send(server, "POST", "/each/continue",
                "[{\"name\":\"Ada\"},{\"name\":\"Bob\"}]");
        assertThat(response.body()).isEqualTo("[{\"name\":\"Hello Ada\"},{\"name\":\"Hello Bob\"}]");
    }

    @Test
    void aForEachElementFailureUnderReturnIsTheAnswer() {
        HttpResponse<String> response = TestServers.send(server, "POST", "/each/return", PEOPLE);
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"status\":500,\"message\":\"__elem has no string member name\"}");
    }

    @Test
    void aForEachOutputThatIsNotAJsonObjectIsAServerError() {
        HttpResponse<String> response = TestServers.send(server, "POST", "/each/not-json", "[{\"name\":\"Ada\"}]");
        assertThat(response.statusCode()).isEqualTo(500);
        // the element's Runnable is given the request body, as in the original
        assertThat(response.body()).isEqualTo("{\"status\":500,\"message\":\"forEach failed, the output of "
                + "helloworld-rs is not a JSON object: hello [{\\\"name\\\":\\\"Ada\\\"}]\"}");
    }

    @Test
    void aGroupMemberUnderContinueStoresItsError() {
        HttpResponse<String> response = TestServers.send(server, "POST", "/group/continue", "x");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"code\":400,\"message\":\"job failed\"}");
    }

    @Test
    void aGroupMemberWhoseCodeSaysReturnEndsTheRequest() {
        HttpResponse<String> response = TestServers.send(server, "POST", "/group/return", "x");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"status\":400,\"message\":\"job failed\"}");
    }
}
