package dev.atmo.wasm.abi;

import static dev.atmo.wasm.abi.AbiVersion.A;
import static dev.atmo.wasm.abi.AbiVersion.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.ExternalType;
import dev.atmo.testing.RepositoryRoot;
import dev.atmo.wasm.Limits;
import dev.atmo.wasm.ModuleOptions;
import dev.atmo.wasm.Outcome;
import dev.atmo.wasm.TestModules;
import dev.atmo.wasm.WasmRunnable;
import dev.atmo.wasm.error.GuestTrapException;
import dev.atmo.wasm.error.RunnableError;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.GuestRequest;
import dev.atmo.wasm.host.LogLevel;
import dev.atmo.wasm.host.Slf4jGuestLog;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the ABI exercisers of both generations in every language through {@link WasmRunnable#invoke} against
 * real capabilities (HTTP and GraphQL on loopback, a map cache, in-memory files, declared queries) and asserts
 * exactly what each host import answered. Every verified (import, generation, language) cell is recorded; the
 * last test checks that no import is left unverified and that {@code docs/conformance.md} names only tests that
 * verified its cells.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConformanceTest {
    private static final ConformanceCells CELLS = new ConformanceCells();
    private static final Map<Exerciser, WasmRunnable> RUNNABLES = new EnumMap<>(Exerciser.class);
    private static final Limits LIMITS = Limits.builder().withDeadline(Duration.ofSeconds(30)).withMaxInstances(2)
            .build();
    private static final String REPOSITORY =
            "{\"data\":{\"repository\":{\"name\":\"reactr\",\"nameWithOwner\":\"suborbital/reactr\"}}}";
    private static final String NOT_ENABLED = "capability is not enabled";
    private static final String PERSON = "{\"name\":\"Ada\",\"age\":36,\"nested\":{\"a\":\"b\"}}";

    private static LoopbackServer server;
    private static HttpClient client;

    private RecordingLog log;
    private MapCache cache;
    private Capabilities enabled;
    private String test;

    @BeforeAll
    static void startServer() {
        server = LoopbackServer.start();
        client = LoopbackHttp.client();
    }

    @AfterAll
    static void stopServerAndRunnables() {
        RUNNABLES.values().forEach(WasmRunnable::close);
        RUNNABLES.clear();
        client.close();
        server.close();
    }

    @BeforeEach
    void freshCapabilities(TestInfo info) {
        test = info.getTestMethod().orElseThrow().getName();
        server.reset();
        log = new RecordingLog();
        cache = new MapCache();
        enabled = Capabilities.builder()
                .http(new LoopbackHttp(client))
                .graphql(new LoopbackGraphQl(client))
                .cache(cache)
                .files(new MapFiles(Map.of("main.md", bytes("# hello"), "empty.txt", new byte[0])))
                .database(new DeclaredQueries())
                .log(log)
                .build();
    }

    static Stream<Exerciser> generationA() {
        return Exerciser.of(A);
    }

    static Stream<Exerciser> generationB() {
        return Exerciser.of(B);
    }

    // ---- the modules themselves ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void exerciserImportsEveryEnvFunctionOfItsGeneration(Exerciser exerciser) {
        List<String> imported = Parser.parse(TestModules.bytes(exerciser.module())).importSection().stream()
                .filter(i -> i.importType() == ExternalType.FUNCTION && i.module().equals(EnvImports.MODULE))
                .map(i -> i.name()).sorted().toList();
        boolean swift = exerciser.language() == Exerciser.Language.SWIFT_WAT;
        List<String> provided = EnvImports.names(exerciser.abi()).stream()
                .filter(n -> n.endsWith("_swift") == swift).toList();
        assertThat(imported).containsExactlyElementsOf(provided)
                .hasSize(exerciser.abi() == A ? 12 : 15);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void instanceRunsTheInitialisationItsLanguageUses(Exerciser ex) {
        expect(ex, "inits", "inits=" + ex.inits());
    }

    // ---- reporting the outcome: return_result, return_error, return_abort ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void firstReturnedResultIsTheOutput(Exerciser ex) {
        expect(ex, """
                result first
                result second
                echo not reported
                """, "first");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void returnErrorFailsWithTheGuestsCodeAndMessage(Exerciser ex) {
        expectFailure(ex, """
                echo lost
                error 418 I'm a teapot
                echo never run
                """, new RunnableError(418, "I'm a teapot"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void returnAbortFailsWithCodeMinusOneAndTheLocation(Exerciser ex) {
        String message = "runnable abort: it broke; file: " + ex.abortFile() + ", line: 42, col: 7";
        expectFailure(ex, "abort it broke", new RunnableError(-1, message));
        assertThat(log.lines()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(LogLevel.ERROR);
            assertThat(line.runnable()).isEqualTo(ex.module());
            assertThat(line.message()).isEqualTo(message);
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void badIdentMakesResultErrorAndAbortHaveNoEffect(Exerciser ex) {
        expect(ex, "badident result ignored", "");
        expect(ex, "badident error 418 ignored", "");
        String abort = "badident abort ignored";
        assertThatThrownBy(() -> invoke(ex, abort, Optional.empty(), enabled))
                .isInstanceOf(GuestTrapException.class);
        CELLS.verified(ex, test, abort, "", false);
        assertThat(log.lines()).isEmpty();
    }

    // ---- log_msg and resp_set_header ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void logMsgMapsTheLevelAndNamesTheRunnableAndRequest(Exerciser ex) {
        String script = """
                ident
                log 1 an error
                log 2 a warning
                log 3 some info
                log 4 debugging
                log 0 level zero
                log 9 level nine
                """;
        GuestRequest request = GuestRequest.builder().id("req-log").build();
        String output = run(ex, script, Optional.of(request), enabled);
        int ident = Integer.parseInt(output.lines().findFirst().orElseThrow().substring("ident=".length()));
        assertThat(output).isEqualTo("ident=" + ident + "\nok\nok\nok\nok\nok\nok");
        String name = ex.module();
        assertThat(log.lines()).containsExactly(
                new RecordingLog.Line(LogLevel.ERROR, name, "req-log", ident, "an error"),
                new RecordingLog.Line(LogLevel.WARN, name, "req-log", ident, "a warning"),
                new RecordingLog.Line(LogLevel.INFO, name, "req-log", ident, "some info"),
                new RecordingLog.Line(LogLevel.DEBUG, name, "req-log", ident, "debugging"),
                new RecordingLog.Line(LogLevel.INFO, name, "req-log", ident, "level zero"),
                new RecordingLog.Line(LogLevel.INFO, name, "req-log", ident, "level nine"));
        CELLS.verified(ex, test, script, output, true);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void respSetHeaderShowsInTheOutcomeAndOverwrites(Exerciser ex) {
        GuestRequest request = GuestRequest.builder().build();
        Outcome outcome = expect(ex, Optional.of(request), enabled, """
                header X-Custom one
                header X-Custom two words
                header x-trace 3
                """, "ok", "ok", "ok");
        assertThat(outcome.responseHeaders()).containsExactlyInAnyOrderEntriesOf(
                Map.of("X-Custom", "two words", "x-trace", "3"));
        assertThat(request.responseHeaders()).isEqualTo(outcome.responseHeaders());
        Outcome noRequest = expect(ex, "header X-Custom one", "ok");
        assertThat(noRequest.responseHeaders()).isEmpty();
    }

    // ---- cache_set, cache_get ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void cacheGetReturnsWhatCacheSetStored(Exerciser ex) {
        expect(ex, """
                cache_set greeting hello world 0
                cache_get greeting
                cache_set later kept 60
                cache_get later
                cache_set empty 0
                cache_get empty
                """, "rc=0", "rc=11 ffi=0 data=hello world", "rc=0", data("kept"), "rc=0", "rc=0 ffi=0 data=");
        assertThat(cache.get("greeting")).hasValue(bytes("hello world"));
        assertThat(cache.ttl("greeting")).hasValue(0);
        assertThat(cache.ttl("later")).hasValue(60);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void cacheMissAndBackendFailureAnswerPerGeneration(Exerciser ex) {
        expect(ex, """
                cache_get nope
                cache_set broken v 0
                cache_get broken
                """,
                byGeneration(ex, "rc=-2", "rc=-13 ffi=0 err=key not found"),
                "rc=-2",
                byGeneration(ex, "rc=-2", err(MapCache.FAILURE)));
    }

    // ---- get_static_file ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void staticFileIsReadOrAnswersPerGeneration(Exerciser ex) {
        expect(ex, """
                static main.md
                static empty.txt
                static nope.txt
                static broken.txt
                """,
                "rc=7 ffi=0 data=# hello",
                "rc=0 ffi=0 data=",
                byGeneration(ex, "rc=-3", err("file does not exist")),
                byGeneration(ex, "rc=-4", err("failed to read broken.txt")));
    }

    // ---- fetch_url ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationA")
    void fetchUrlSendsTheFourMethodsOfGenerationA(Exerciser ex) {
        expect(ex, """
                fetch 1 {http}/echo
                body made
                fetch 2 {http}/echo
                body changed
                fetch 3 {http}/echo
                fetch 4 {http}/echo
                fetch 0 {http}/echo
                fetch 5 {http}/echo
                """,
                data("GET /echo body="),
                "ok",
                data("POST /echo content-type=application/octet-stream body=made"),
                "ok",
                data("PATCH /echo content-type=application/octet-stream body=changed"),
                data("DELETE /echo body="),
                "rc=-2",
                "rc=-2");
        assertThat(server.received()).containsExactly("GET /echo", "POST /echo", "PATCH /echo", "DELETE /echo");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void fetchUrlSendsTheSevenMethodsOfGenerationB(Exerciser ex) {
        expect(ex, """
                fetch 0 {http}/echo
                fetch 1 {http}/echo
                fetch 2 {http}/echo
                body made
                fetch 3 {http}/echo
                body replaced
                fetch 4 {http}/echo
                body changed
                fetch 5 {http}/echo
                fetch 6 {http}/echo
                fetch 7 {http}/echo
                fetch -1 {http}/echo
                """,
                data("GET /echo body="),
                "rc=0 ffi=0 data=",
                data("OPTIONS /echo body="),
                "ok",
                data("POST /echo content-type=application/octet-stream body=made"),
                "ok",
                data("PUT /echo content-type=application/octet-stream body=replaced"),
                "ok",
                data("PATCH /echo content-type=application/octet-stream body=changed"),
                data("DELETE /echo body="),
                "rc=-2 ffi=-1",
                "rc=-2 ffi=-1");
        assertThat(server.received()).containsExactly("GET /echo", "HEAD /echo", "OPTIONS /echo", "POST /echo",
                "PUT /echo", "PATCH /echo", "DELETE /echo");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void fetchUrlTakesHeadersFromTheUrlAndRejectsAMalformedPiece(Exerciser ex) {
        String invalid = byGeneration(ex, "rc=-2", "rc=-2 ffi=-1");
        expect(ex, """
                fetch GET {http}/echo::X-A:1::X-B:2
                body {}
                fetch POST {http}/echo::Content-Type:application/json::X-A:yes
                fetch GET {http}/echo::X-A
                fetch GET {http}/echo::X-A:1:2
                """,
                data("GET /echo x-a=1 x-b=2 body="),
                "ok",
                data("POST /echo content-type=application/json x-a=yes body={}"),
                invalid,
                invalid);
        assertThat(server.received()).containsExactly("GET /echo", "POST /echo");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void fetchUrlFollowsRedirectsAndAnswersFailuresPerGeneration(Exerciser ex) {
        String closed = LoopbackServer.closedBase() + "/x";
        expect(ex, """
                fetch GET {http}/redirect
                fetch GET {http}/missing
                fetch GET %s
                """.formatted(closed),
                data("GET /echo?from=redirect body="),
                byGeneration(ex, "rc=-404", "rc=-9 ffi=0 err=404: nope"),
                byGeneration(ex, "rc=-3", err("GET \"" + closed + "\": connection refused")));
        assertThat(server.received()).containsExactly("GET /redirect", "GET /echo?from=redirect", "GET /missing");
    }

    // ---- graphql_query ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void graphqlQueryAnswersSortedDataOrFailsPerGeneration(Exerciser ex) {
        expect(ex, """
                graphql {http}/graphql { repository(name: "reactr") { name nameWithOwner } }
                graphql {http}/graphql { fail }
                graphql {http}/graphql-down { repository { name } }
                """,
                data(REPOSITORY),
                byGeneration(ex, "rc=-1", err("graphQL error; path: repository, message: field not found")),
                byGeneration(ex, "rc=-1", err("non-200 HTTP response code; unavailable")));
        assertThat(server.graphqlQueries())
                .containsExactly("{ repository(name: \"reactr\") { name nameWithOwner } }", "{ fail }");
    }

    // ---- disabled capabilities ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void disabledCapabilitiesAnswerPerGeneration(Exerciser ex) {
        String disabled = err(NOT_ENABLED);
        expect(ex, Optional.empty(), Capabilities.none(), """
                fetch GET {http}/echo
                graphql {http}/graphql { repository { name } }
                cache_set k v 0
                cache_get k
                static main.md
                """,
                byGeneration(ex, "rc=-3", disabled),
                byGeneration(ex, "rc=-1", disabled),
                "rc=-2",
                byGeneration(ex, "rc=-2", disabled),
                byGeneration(ex, "rc=-2", disabled));
        assertThat(server.received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void disabledDatabaseAnswersNotEnabled(Exerciser ex) {
        expect(ex, Optional.empty(), Capabilities.none(), """
                var uuid 1
                db 1 selectUserWithUUID
                """, "rc=0", err(NOT_ENABLED));
    }

    // ---- request_get_field ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void requestFieldMetaReadsMethodUrlIdAndBody(Exerciser ex) {
        expect(ex, Optional.of(request(ex.abi(), PERSON)), enabled, """
                field 0 method
                field 0 url
                field 0 id
                field 0 body
                field 0 other
                """,
                "rc=4 ffi=0 data=POST",
                data("/hello/world?page=2&name=ada%20l"),
                "rc=5 ffi=0 data=req-1",
                data(PERSON),
                byGeneration(ex, "rc=-3", "rc=0 ffi=0 data="));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void requestFieldBodyReadsStringsOfAJsonObjectOnly(Exerciser ex) {
        String failed = byGeneration(ex, "rc=-5", "rc=-1");
        expect(ex, Optional.of(request(ex.abi(), PERSON)), enabled, """
                field 1 name
                field 1 age
                field 1 nested
                field 1 missing
                """, "rc=3 ffi=0 data=Ada", failed, failed, failed);
        expect(ex, Optional.of(request(ex.abi(), "")), enabled, "field 1 name", "rc=0 ffi=0 data=");
        expect(ex, Optional.of(request(ex.abi(), "[\"name\"]")), enabled, "field 1 name", failed);
        expect(ex, Optional.of(request(ex.abi(), "name=Ada")), enabled, "field 1 name", failed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationA")
    void requestFieldHeaderMatchesTheCanonicalNameExactlyInGenerationA(Exerciser ex) {
        expect(ex, Optional.of(request(A, PERSON)), enabled, """
                field 2 Content-Type
                field 2 content-type
                field 2 X-Request-Token
                field 2 X-Missing
                """, data("application/json"), "rc=-3", "rc=3 ffi=0 data=abc", "rc=-3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void requestFieldHeaderIgnoresCaseInGenerationB(Exerciser ex) {
        expect(ex, Optional.of(request(B, PERSON)), enabled, """
                field 2 Content-Type
                field 2 content-type
                field 2 X-REQUEST-TOKEN
                field 2 X-Missing
                """, data("application/json"), data("application/json"), "rc=3 ffi=0 data=abc", "rc=0 ffi=0 data=");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void requestFieldReadsParamsStateAndQuery(Exerciser ex) {
        String absent = byGeneration(ex, "rc=-3", "rc=0 ffi=0 data=");
        expect(ex, Optional.of(request(ex.abi(), PERSON)), enabled, """
                field 3 who
                field 3 nope
                field 4 greeting
                field 4 nope
                field 5 page
                field 5 name
                field 5 nope
                """,
                "rc=5 ffi=0 data=world", absent, "rc=2 ffi=0 data=hi", absent,
                byGeneration(ex, "rc=-4", "rc=1 ffi=0 data=2"),
                byGeneration(ex, "rc=-4", "rc=5 ffi=0 data=ada l"),
                byGeneration(ex, "rc=-4", "rc=0 ffi=0 data="));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void requestFieldRejectsAnInvalidTypeAndAJobWithoutRequest(Exerciser ex) {
        String invalid = byGeneration(ex, "rc=-4", "rc=-1");
        expect(ex, Optional.of(request(ex.abi(), PERSON)), enabled, """
                field 6 x
                field -1 x
                """, invalid, invalid);
        expect(ex, "field 0 method", byGeneration(ex, "rc=-2", "rc=-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void requestAccessDisabledAnswersUnknownErrorInGenerationB(Exerciser ex) {
        Capabilities noRequest = Capabilities.builder().requestAccess(false).log(log).build();
        GuestRequest request = request(B, PERSON);
        expect(ex, Optional.of(request), noRequest, """
                field 0 method
                set_field 0 method PUT
                """, "rc=-1", "rc=-1");
        assertThat(request.method()).isEqualTo("POST");
    }

    // ---- request_set_field (B) ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void requestSetFieldMetaChangesTheRequestForTheGuestAndTheCaller(Exerciser ex) {
        GuestRequest request = request(B, PERSON);
        expect(ex, Optional.of(request), enabled, """
                set_field 0 method PUT
                field 0 method
                set_field 0 url /other?page=3
                field 0 url
                field 5 page
                field 1 name
                set_field 0 body {"name":"Grace"}
                field 0 body
                field 1 name
                set_field 0 id req-2
                field 0 id
                set_field 0 other value
                """,
                "rc=0 ffi=0 data=", "rc=3 ffi=0 data=PUT",
                "rc=0 ffi=0 data=", data("/other?page=3"), "rc=1 ffi=0 data=3",
                "rc=3 ffi=0 data=Ada", "rc=0 ffi=0 data=", data("{\"name\":\"Grace\"}"), "rc=5 ffi=0 data=Grace",
                "rc=0 ffi=0 data=", "rc=5 ffi=0 data=req-1",
                "rc=-13 ffi=0 err=key not found");
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.url()).isEqualTo("/other?page=3");
        assertThat(text(request.body())).isEqualTo("{\"name\":\"Grace\"}");
        assertThat(request.id()).isEqualTo("req-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void requestSetFieldBodyRewritesTheJsonWithSortedKeys(Exerciser ex) {
        GuestRequest request = request(B, PERSON);
        expect(ex, Optional.of(request), enabled, """
                field 1 name
                set_field 1 name Grace
                field 1 name
                set_field 1 city London
                field 0 body
                """,
                "rc=3 ffi=0 data=Ada", "rc=0 ffi=0 data=", "rc=5 ffi=0 data=Grace", "rc=0 ffi=0 data=",
                data("{\"age\":36,\"city\":\"London\",\"name\":\"Grace\",\"nested\":{\"a\":\"b\"}}"));
        assertThat(text(request.body()))
                .isEqualTo("{\"age\":36,\"city\":\"London\",\"name\":\"Grace\",\"nested\":{\"a\":\"b\"}}");

        GuestRequest empty = request(B, "");
        expect(ex, Optional.of(empty), enabled, "set_field 1 name Grace", "rc=0 ffi=0 data=");
        assertThat(empty.body()).isEmpty();

        GuestRequest list = request(B, "[1]");
        expect(ex, Optional.of(list), enabled, "set_field 1 name Grace",
                err("failed to parse request body as a JSON object"));
        assertThat(text(list.body())).isEqualTo("[1]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void requestSetFieldHeaderParamsAndStateAreReadBack(Exerciser ex) {
        GuestRequest request = request(B, PERSON);
        expect(ex, Optional.of(request), enabled, """
                set_field 2 X-REACTR-TEST yes
                field 2 x-reactr-test
                set_field 3 who moon
                field 3 who
                set_field 4 greeting hello there
                field 4 greeting
                set_field 5 page 9
                set_field 9 k v
                """,
                "rc=0 ffi=0 data=", "rc=3 ffi=0 data=yes",
                "rc=0 ffi=0 data=", "rc=4 ffi=0 data=moon",
                "rc=0 ffi=0 data=", data("hello there"),
                err("invalid field type"), err("invalid field type"));
        assertThat(request.headers()).containsEntry("X-REACTR-TEST", "yes");
        assertThat(request.params()).containsEntry("who", "moon");
        assertThat(request.state()).hasEntrySatisfying("greeting", v -> assertThat(text(v)).isEqualTo("hello there"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void requestSetFieldWithoutARequestAnswersUnknownError(Exerciser ex) {
        expect(ex, "set_field 3 who moon", "rc=-1");
    }

    // ---- add_ffi_var, db_exec (B) ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void dbExecRunsTheDeclaredQueryWithTheAddedVariablesInOrder(Exerciser ex) {
        expect(ex, """
                var uuid 1234
                db 1 selectUserWithUUID
                var email ada@example.com
                var name Ada Lovelace
                db 0 insertUser
                var email grace@example.com
                var uuid 1234
                db 2 updateUserEmail
                var uuid 1234
                db 3 deleteUser
                db 1 selectNobody
                """,
                "rc=0", data("[{\"email\":\"ada@example.com\",\"uuid\":\"1234\"}]"),
                "rc=0", "rc=0", data("{\"lastInsertID\":7,\"rowsAffected\":0}"),
                "rc=0", "rc=0", data("{\"lastInsertID\":0,\"rowsAffected\":1}"),
                "rc=0", data("{\"lastInsertID\":0,\"rowsAffected\":1}"),
                "rc=2 ffi=0 data=[]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void dbExecAnswersTheQueryErrorsAsText(Exerciser ex) {
        expect(ex, """
                db 1 nope
                var uuid 1
                db 0 selectUserWithUUID
                db 1 selectUserWithUUID
                var uuid 1
                var extra 2
                db 1 selectUserWithUUID
                db 4 selectNobody
                """,
                err("query not found"),
                "rc=0", err("query type incorrect"),
                err("number of variables incorrect: expected 1 variables, got 0"),
                "rc=0", "rc=0", err("number of variables incorrect: expected 1 variables, got 2"),
                err("query type invalid"));
    }

    // ---- the FFI slot: pending calls and bad idents ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void pendingSlotMakesTheNextSlotCallAnswerMinusOne(Exerciser ex) {
        expect(ex, Optional.of(request(ex.abi(), PERSON)), enabled, """
                ffi
                cache_set k v 0
                pending cache_get k
                ffi
                ffi
                pending field 0 method
                ffi
                pending static main.md
                ffi
                pending fetch GET {http}/echo
                ffi
                pending graphql {http}/graphql { repository { name } }
                ffi
                nofetch cache_get k
                static main.md
                fetch GET {http}/echo
                ffi
                """,
                "ffi=-1",
                "rc=0",
                "first=1 second=-1", "ffi=0 data=v", "ffi=-1",
                "first=4 second=-1", "ffi=0 data=POST",
                "first=7 second=-1", "ffi=0 data=# hello",
                "first=15 second=-1", "ffi=0 data=GET /echo body=",
                "first=" + REPOSITORY.length() + " second=-1", "ffi=0 data=" + REPOSITORY,
                "rc=1", "rc=-1", "rc=-1", "ffi=0 data=v");
        assertThat(server.received()).containsExactly("GET /echo", "POST /graphql");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void pendingSlotAlsoBlocksSetFieldAndDbExec(Exerciser ex) {
        expect(ex, Optional.of(request(B, PERSON)), enabled, """
                pending set_field 3 who moon
                ffi
                var uuid 7
                pending db 1 selectUserWithUUID
                ffi
                nofetch cache_get nope
                set_field 3 who sun
                db 1 selectNobody
                ffi
                field 3 who
                """,
                "first=0 second=-1", "ffi=0 data=",
                "rc=0",
                "first=40 second=-1", "ffi=0 data=[{\"email\":\"ada@example.com\",\"uuid\":\"7\"}]",
                "rc=-13", "rc=-1", "rc=-1", "ffi=0 data=key not found",
                "rc=4 ffi=0 data=moon");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exerciser.class)
    void badIdentIsRejectedByEveryImport(Exerciser ex) {
        GuestRequest request = request(ex.abi(), PERSON);
        Outcome outcome = expect(ex, Optional.of(request), enabled, """
                cache_set k v 0
                badident cache_set k other 0
                badident cache_get k
                badident fetch GET {http}/echo
                badident graphql {http}/graphql { repository { name } }
                badident field 0 method
                badident static main.md
                badident log 1 hidden
                badident header X-Hidden 1
                nofetch cache_get k
                badident ffi
                ffi
                """,
                "rc=0", "rc=-1", "rc=-1", "rc=-1", "rc=-1", "rc=-1", "rc=-1", "ok", "ok",
                "rc=1", "ffi=-1", "ffi=0 data=v");
        assertThat(outcome.responseHeaders()).isEmpty();
        assertThat(log.lines()).isEmpty();
        assertThat(server.received()).isEmpty();
        assertThat(cache.get("k")).hasValue(bytes("v"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationB")
    void badIdentIsRejectedByTheImportsOnlyGenerationBHas(Exerciser ex) {
        GuestRequest request = request(B, PERSON);
        expect(ex, Optional.of(request), enabled, """
                badident var uuid 1
                badident set_field 3 who moon
                field 3 who
                badident db 1 selectNobody
                db 1 selectNobody
                """, "rc=-1", "rc=-1", "rc=5 ffi=0 data=world", "rc=-1", "rc=2 ffi=0 data=[]");
        assertThat(request.params()).containsEntry("who", "world");
    }

    // ---- initialisation and the small modules ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "init-export-wat, x, init ran",
            "start-export-wat, x, start ran",
            "start-section-wat, x, start section ran",
            "start-and-init-wat, x, SI",
            "start-proc-exit-wat, x, start ran",
            "reactor-c, x, constructor ran",
            "echo-c, hello from C, hello from C",
            "echo-as, hello from AssemblyScript, hello from AssemblyScript"})
    void moduleIsInitialisedAsRecommendedBeforeItsFirstJob(String module, String input, String output) {
        try (WasmRunnable runnable = load(module, A)) {
            assertThat(runnable.invoke(bytes(input), Optional.empty(), enabled))
                    .isInstanceOfSatisfying(Outcome.Success.class, s -> assertThat(text(s.output())).isEqualTo(output));
        }
    }

    @Test
    void assemblyScriptAbortFailsWithCodeMinusOne() {
        try (WasmRunnable echo = load("echo-as", A)) {
            assertThat(echo.invoke(bytes("__abort__"), Optional.empty(), enabled)).isEqualTo(new Outcome.Failure(
                    new RunnableError(-1, "runnable abort: echo abort; file: echo.ts, line: 16, col: 5"), Map.of()));
            assertThat(text(((Outcome.Success) echo.invoke(bytes("again"), Optional.empty(), enabled)).output()))
                    .isEqualTo("again");
        }
    }

    // ---- the table ----

    @Test
    @Order(Integer.MAX_VALUE)
    void everyImportIsVerifiedInEveryLanguageAndTheTableSaysSo() {
        assumeFalse(CELLS.isEmpty(), "runs after the rest of ConformanceTest");
        assertThat(CELLS.unverified()).as("cells no test verified").isEmpty();
        assertThat(CELLS.tableProblems(RepositoryRoot.resolve("docs/conformance.md")))
                .as("docs/conformance.md").isEmpty();
    }

    // ---- plumbing ----

    private static WasmRunnable load(String module, AbiVersion abi) {
        return WasmRunnable.load(TestModules.bytes(module),
                ModuleOptions.of(module).withAbi(abi).withLimits(LIMITS), new Slf4jGuestLog());
    }

    private static synchronized WasmRunnable runnable(Exerciser ex) {
        return RUNNABLES.computeIfAbsent(ex, e -> load(e.module(), e.abi()));
    }

    private Outcome invoke(Exerciser ex, String script, Optional<GuestRequest> request, Capabilities capabilities) {
        return runnable(ex).invoke(bytes(script.replace("{http}", server.base())), request, capabilities);
    }

    private String run(Exerciser ex, String script, Optional<GuestRequest> request, Capabilities capabilities) {
        Outcome outcome = invoke(ex, script, request, capabilities);
        assertThat(outcome).isInstanceOf(Outcome.Success.class);
        return text(((Outcome.Success) outcome).output());
    }

    /** Runs a script as a job without request and asserts the error the guest reported. */
    private void expectFailure(Exerciser ex, String script, RunnableError error) {
        assertThat(invoke(ex, script, Optional.empty(), enabled)).isEqualTo(new Outcome.Failure(error, Map.of()));
        CELLS.verified(ex, test, script, "", false);
    }

    /** Runs a script as a job without request, with every capability enabled, and asserts the exact output. */
    private Outcome expect(Exerciser ex, String script, String... lines) {
        return expect(ex, Optional.empty(), enabled, script, lines);
    }

    private Outcome expect(Exerciser ex, Optional<GuestRequest> request, Capabilities capabilities, String script,
                           String... lines) {
        Outcome outcome = invoke(ex, script, request, capabilities);
        assertThat(outcome).isInstanceOf(Outcome.Success.class);
        String output = text(((Outcome.Success) outcome).output());
        assertThat(output).as("output of\n%s", script).isEqualTo(String.join("\n", lines));
        CELLS.verified(ex, test, script, output, true);
        return outcome;
    }

    /** A request as the caller builds it: canonical header names for A, lower-case for B. */
    private static GuestRequest request(AbiVersion abi, String body) {
        Map<String, String> headers = abi == A
                ? Map.of("Content-Type", "application/json", "X-Request-Token", "abc")
                : Map.of("content-type", "application/json", "x-request-token", "abc");
        return GuestRequest.builder().method("POST").url("/hello/world?page=2&name=ada%20l").id("req-1")
                .body(bytes(body)).headers(headers).params(Map.of("who", "world"))
                .state(Map.of("greeting", bytes("hi"))).build();
    }

    private static String byGeneration(Exerciser ex, String a, String b) {
        return ex.abi() == A ? a : b;
    }

    /** The line for a successful slot call: its length, a successful fetch, the bytes. */
    private static String data(String text) {
        return "rc=" + bytes(text).length + " ffi=0 data=" + text;
    }

    /** The line for an ABI B error text: minus its length, a successful fetch, the text. */
    private static String err(String text) {
        return "rc=-" + bytes(text).length + " ffi=0 err=" + text;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
