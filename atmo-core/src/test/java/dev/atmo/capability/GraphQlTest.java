package dev.atmo.capability;

import static dev.atmo.capability.FetchUrlTest.errLine;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.Capabilities;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graphql_query} of both generations against a GraphQL server built with graphql-java that demands the
 * token the Directive configures for it.
 */
class GraphQlTest {
    static final String REACTR = "{ repository(owner: \"suborbital\", name: \"reactr\") { nameWithOwner, name } }";
    static final String REACTR_JSON = "{\"data\":{\"repository\":{\"name\":\"reactr\",\"nameWithOwner\":\"suborbital/reactr\"}}}";

    @TempDir
    static Path dir;
    private static LoopbackHttp server;
    private static CapabilitySet set;
    private static Capabilities capabilities;
    private static String endpoint;

    @BeforeAll
    static void start() {
        server = LoopbackHttp.start();
        GraphQlServer.serve(server, "ghp_test");
        server.handle("/fixed", ex -> LoopbackHttp.answer(ex, 200,
                "{\"data\":{\"b\":1.0,\"a\":\"<&>\",\"c\":[2.5,1e3,{\"z\":null,\"y\":true}]}}"));
        server.handle("/string-path", ex -> LoopbackHttp.answer(ex, 200,
                "{\"data\":null,\"errors\":[{\"message\":\"field not found\",\"path\":\"repository\"}]}"));
        server.handle("/not-json", ex -> LoopbackHttp.answer(ex, 200, "hello"));
        endpoint = server.base() + GraphQlServer.PATH;
        TestBundle.write(dir, """
                authentication:
                  domains:
                    "%s":
                      headerType: bearer
                      value: env(GITHUB_TOKEN)
                """.formatted(server.hostAndPort()), "abi-a-rust");
        set = TestBundle.capabilities(dir, Map.of("GITHUB_TOKEN", "ghp_test"));
        capabilities = set.capabilities();
    }

    @AfterAll
    static void stop() {
        set.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    static String dataLine(String data) {
        return "rc=" + data.getBytes(UTF_8).length + " ffi=0 data=" + data;
    }

    @Test
    void aQueryIsAnsweredWithSortedKeysInBothGenerations() throws Exception {
        for (Guests guest : Guests.values()) {
            server.reset();
            assertThat(guest.run(capabilities, "graphql " + endpoint + " " + REACTR)).isEqualTo(dataLine(REACTR_JSON));
            LoopbackHttp.Received request = server.last();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.values("Content-Type")).containsExactly("application/json");
            assertThat(request.values("Authorization")).containsExactly("Bearer ghp_test");
            assertThat(new ObjectMapper().readTree(request.body()))
                    .isEqualTo(new ObjectMapper().readTree("{\"query\":" + new ObjectMapper().writeValueAsString(REACTR)
                            + "}"));
        }
    }

    @Test
    void graphQlErrorsWithAnArrayPathBecomeTheErrorText() {
        String query = "{ repository(owner: \"suborbital\", name: \"reactr\") { name broken } }";
        assertThat(Guests.A.run(capabilities, "graphql " + endpoint + " " + query)).isEqualTo("rc=-1");
        assertThat(Guests.B.run(capabilities, "graphql " + endpoint + " " + query))
                .isEqualTo(errLine("graphQL error; path: repository.broken, message: "
                        + "Exception while fetching data (/repository/broken) : the broken field always fails"));
    }

    @Test
    void graphQlErrorsWithAStringPathBecomeTheErrorText() {
        assertThat(Guests.B.run(capabilities, "graphql " + server.base() + "/string-path " + REACTR))
                .isEqualTo(errLine("graphQL error; path: repository, message: field not found"));
    }

    @Test
    void aRefusedCallIsANon200Error() {
        String unauthenticated = "http://localhost:" + server.port() + GraphQlServer.PATH;
        assertThat(Guests.A.run(capabilities, "graphql " + unauthenticated + " " + REACTR)).isEqualTo("rc=-1");
        assertThat(Guests.B.run(capabilities, "graphql " + unauthenticated + " " + REACTR))
                .isEqualTo(errLine("non-200 HTTP response code; " + GraphQlServer.UNAUTHORISED));
        assertThat(server.last().header("Authorization")).isEmpty();
    }

    @Test
    void anAnswerThatIsNotJsonIsAnError() {
        assertThat(Guests.B.run(capabilities, "graphql " + server.base() + "/not-json " + REACTR))
                .isEqualTo(errLine("failed to Unmarshal response: Unrecognized token 'hello': was expecting "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"));
    }

    @Test
    void aSyntaxErrorNamesLineAndColumnAndSendsNothing() {
        String broken = "{ repository(owner: \"suborbital\" name: ";
        assertThat(Guests.A.run(capabilities, "graphql " + endpoint + " " + broken)).isEqualTo("rc=-1");
        assertThat(Guests.B.run(capabilities, "graphql " + endpoint + " " + broken))
                .isEqualTo(errLine("GraphQL syntax error at line 1, column 40: Invalid syntax with offending token "
                        + "'<EOF>' at line 1 column 40"));
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aSyntaxErrorOnALaterLineNamesThatLine() {
        assertThatThrownBy(() -> GraphQlClient.checkSyntax("{\n  repository {\n    name(\n  }\n}"))
                .isInstanceOf(CapabilityException.class)
                .hasMessageStartingWith("GraphQL syntax error at line 4, column 3: ");
    }

    @Test
    void dataIsReEncodedTheWayGoEncodesIt() {
        assertThat(Guests.B.run(capabilities, "graphql " + server.base() + "/fixed " + REACTR))
                .isEqualTo(dataLine("{\"data\":{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":1,\"c\":[2.5,1000,"
                        + "{\"y\":true,\"z\":null}]}}"));
    }
}
