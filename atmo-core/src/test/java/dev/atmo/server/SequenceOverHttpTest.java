package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The step rules of a Directive's handlers, checked over real HTTP against real Wasm Runnables. */
class SequenceOverHttpTest {
    private static AtmoServer server;

    @BeforeAll
    static void start() {
        server = AtmoServer.start(TestServers.options("testdata/bundles/example-project").runSchedules(false).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String path, String body) {
        return TestServers.send(server, "POST", path, body);
    }

    @Test
    void singleFnAnswersItsOutput() {
        HttpResponse<String> response = post("/hello", "world");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello world");
    }

    @Test
    void groupMembersRunAndResponseSelectsAKey() {
        assertThat(post("/group", "main.md").body()).isEqualTo("## hello");
        assertThat(post("/group/hello", "main.md").body()).isEqualTo("hello main.md");
    }

    @Test
    void groupMembersHonourTheirOwnWith() {
        assertThat(post("/group-with/a", "url").body()).isEqualTo("url=url");
        assertThat(post("/group-with-full", "url").body()).isEqualTo("url=<absent>");
    }

    @Test
    void continuedErrorIsStoredAsJson() {
        HttpResponse<String> response = post("/continue", "world");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"code\":400,\"message\":\"job failed\"}");
    }

    @Test
    void returnedErrorBecomesTheStatus() {
        HttpResponse<String> response = post("/return", "world");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"status\":400,\"message\":\"job failed\"}");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(post("/no-onerr", "").statusCode()).isEqualTo(400);
    }

    @Test
    void withShowsOnlyTheAliasedKeys() {
        assertThat(post("/with", "").body()).isEqualTo("hello /suborbital");
    }

    @Test
    void forEachAnswersOutputsInInputOrder() {
        String people = "[{\"name\":\"Connor\"},{\"name\":\"Jimmy\"},{\"name\":\"Bob\"}]";
        assertThat(post("/foreach", people).body())
                .isEqualTo("[{\"name\":\"Hello Connor\"},{\"name\":\"Hello Jimmy\"},{\"name\":\"Hello Bob\"}]");
    }

    @Test
    void forEachOverAHundredElementsKeepsInputOrder() {
        String people = IntStream.range(0, 100).mapToObj(i -> "{\"name\":\"p" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        String expected = IntStream.range(0, 100).mapToObj(i -> "{\"name\":\"Hello p" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(post("/foreach", people).body()).isEqualTo(expected);
    }

    @Test
    void forEachOverSomethingElseThanAnArrayIs500() {
        HttpResponse<String> response = post("/foreach", "{\"not\":\"an array\"}");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"status\":500,\"message\":\"forEach failed, people is not a JSON array\"}");
    }

    @Test
    void lastStepWithAsAnswersItsOutput() {
        assertThat(post("/as", "world").body()).isEqualTo("hello world");
    }

    @Test
    void responseKeySelectsTheBody() {
        assertThat(post("/response", "world").body()).isEqualTo("hello world");
    }

    @Test
    void runnableErrorCodesMapToStatuses() {
        HttpResponse<String> created = post("/fail", "201 created-but-error");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"status\":201,\"message\":\"created-but-error\"}");
        HttpResponse<String> weird = post("/fail", "700 weird");
        assertThat(weird.statusCode()).isEqualTo(500);
        assertThat(weird.body()).isEqualTo("{\"status\":500,\"message\":\"weird\"}");
        assertThat(post("/fail", "199 low").statusCode()).isEqualTo(500);
        assertThat(post("/fail", "599 high").statusCode()).isEqualTo(599);
    }

    @Test
    void onErrCodesWithOtherContinue() {
        assertThat(post("/codes", "400 x").body()).isEqualTo("{\"code\":400,\"message\":\"x\"}");
        HttpResponse<String> returned = post("/codes", "401 y");
        assertThat(returned.statusCode()).isEqualTo(401);
        assertThat(returned.body()).isEqualTo("{\"status\":401,\"message\":\"y\"}");
        assertThat(post("/codes", "402 z").body()).isEqualTo("{\"code\":402,\"message\":\"z\"}");
    }

    @Test
    void onErrCodesWithOtherReturn() {
        assertThat(post("/codes-other-return", "400 x").statusCode()).isEqualTo(200);
        assertThat(post("/codes-other-return", "404 gone").statusCode()).isEqualTo(404);
    }

    @Test
    void responseHeadersFromRunnablesAreCanonicalAndMerged() {
        HttpResponse<String> response = post("/headers", "content-type: text/plain\nx-custom: 1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain");
        assertThat(response.headers().firstValue("X-Custom")).contains("1");
    }

    @Test
    void responseHeadersAreDroppedOnErrors() {
        HttpResponse<String> response = post("/headers-error", "X-Custom: 1");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Custom")).isEmpty();
    }

    @Test
    void runnablesReadTheRequest() {
        HttpResponse<String> response = TestServers.send(server, "POST", "/request/42?q=1", "payload",
                Map.of("content-type", "text/plain"));
        assertThat(response.body()).startsWith("method=POST url=/request/42?q=1 id=")
                .endsWith(" body=payload content-type=text/plain param-x=42");
    }

    @Test
    void eachRequestGetsAFreshId() {
        String first = TestServers.send(server, "POST", "/request/1", "").body();
        String second = TestServers.send(server, "POST", "/request/1", "").body();
        assertThat(first.split(" ")[2]).matches("id=[0-9a-f-]{36}").isNotEqualTo(second.split(" ")[2]);
    }

    @Test
    void staticFileByWildcardParam() {
        HttpResponse<String> response = TestServers.send(server, "GET", "/file/main.md", "");
        assertThat(response.body()).isEqualTo("## hello");
        HttpResponse<String> escape = TestServers.send(server, "GET", "/file/../../etc/passwd", "");
        assertThat(escape.statusCode()).isEqualTo(200);
        assertThat(escape.body()).isEqualTo("failed");
        assertThat(TestServers.send(server, "GET", "/file/nope.md", "").body()).isEqualTo("failed");
    }
}
