package dev.atmo.capability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.wasm.host.Capabilities;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fetch_url} of both ABI generations, from real Rust guests to a real HTTP server. */
class FetchUrlTest {
    private static LoopbackHttp server;
    private static Capabilities capabilities;

    @BeforeAll
    static void start() {
        server = LoopbackHttp.start();
        capabilities = Capabilities.builder()
                .http(new OutboundHttp(OutboundPolicy.permissive(), AuthHeaders.none())).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    /** The exerciser's line for an ABI B error text in the slot. */
    static String errLine(String text) {
        return "rc=-" + text.getBytes(UTF_8).length + " ffi=0 err=" + text;
    }

    @ParameterizedTest(name = "ABI A method {0} is {1}")
    @CsvSource({"1, GET", "2, POST", "3, PATCH", "4, DELETE"})
    void abiAMethodNumbersSendTheirMethod(int number, String method) {
        assertThat(Guests.A.run(capabilities, "fetch " + number + " " + server.base() + "/ok"))
                .isEqualTo("rc=2 ffi=0 data=ok");
        assertThat(server.last().method()).isEqualTo(method);
        assertThat(server.last().target()).isEqualTo("/ok");
    }

    @ParameterizedTest(name = "ABI B method {0} is {1}")
    @CsvSource({"0, GET", "2, OPTIONS", "3, POST", "4, PUT", "5, PATCH", "6, DELETE"})
    void abiBMethodNumbersSendTheirMethod(int number, String method) {
        assertThat(Guests.B.run(capabilities, "fetch " + number + " " + server.base() + "/ok"))
                .isEqualTo("rc=2 ffi=0 data=ok");
        assertThat(server.last().method()).isEqualTo(method);
    }

    @Test
    void abiBHeadGetsAnEmptySlot() {
        assertThat(Guests.B.run(capabilities, "fetch 1 " + server.base() + "/ok")).isEqualTo("rc=0 ffi=0 data=");
        assertThat(server.last().method()).isEqualTo("HEAD");
    }

    @ParameterizedTest(name = "ABI A invalid method {0}")
    @CsvSource({"0", "5", "-1"})
    void abiAInvalidMethodIsMinusTwoWithoutACall(int number) {
        assertThat(Guests.A.run(capabilities, "fetch " + number + " " + server.base() + "/ok")).isEqualTo("rc=-2");
        assertThat(server.received()).isEmpty();
    }

    @ParameterizedTest(name = "ABI B invalid method {0}")
    @CsvSource({"7", "-1"})
    void abiBInvalidMethodIsMinusTwoWithoutSlotOrCall(int number) {
        assertThat(Guests.B.run(capabilities, "fetch " + number + " " + server.base() + "/ok"))
                .isEqualTo("rc=-2 ffi=-1");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void headersEncodedInTheUrlAreSentVerbatimAndRepeatable() {
        for (Guests guest : Guests.values()) {
            server.reset();
            assertThat(guest.run(capabilities,
                    "fetch GET " + server.base() + "/ok::X-One:1::X-Two:two words::X-One:again::Accept:text/plain"))
                    .isEqualTo("rc=2 ffi=0 data=ok");
            LoopbackHttp.Received got = server.last();
            assertThat(got.values("X-One")).as(guest.module()).containsExactly("1", "again");
            assertThat(got.header("X-Two")).contains("two words");
            assertThat(got.header("Accept")).contains("text/plain");
            assertThat(got.header("Content-Type")).as("no body, no content type").isEmpty();
            assertThat(got.header("User-Agent")).contains("Atmo-http-client/1.1");
            assertThat(got.body()).isEmpty();
        }
    }

    @Test
    void aBodyWithoutContentTypeIsSentAsOctetStream() {
        for (Guests guest : Guests.values()) {
            server.reset();
            assertThat(guest.run(capabilities, "body {\"x\": 1}", "fetch POST " + server.base() + "/ok"))
                    .isEqualTo("ok\nrc=2 ffi=0 data=ok");
            assertThat(server.last().method()).isEqualTo("POST");
            assertThat(server.last().values("Content-Type")).as(guest.module())
                    .containsExactly("application/octet-stream");
            assertThat(server.last().bodyText()).isEqualTo("{\"x\": 1}");
        }
    }

    @Test
    void aBodyKeepsTheContentTypeTheGuestGave() {
        for (Guests guest : Guests.values()) {
            server.reset();
            assertThat(guest.run(capabilities, "body {}",
                    "fetch PATCH " + server.base() + "/ok::content-type:application/json"))
                    .isEqualTo("ok\nrc=2 ffi=0 data=ok");
            assertThat(server.last().values("Content-Type")).as(guest.module()).containsExactly("application/json");
            assertThat(server.last().bodyText()).isEqualTo("{}");
        }
    }

    @Test
    void deleteCarriesABodyWhenTheGuestGivesOne() {
        assertThat(Guests.B.run(capabilities, "body gone", "fetch DELETE " + server.base() + "/ok"))
                .isEqualTo("ok\nrc=2 ffi=0 data=ok");
        assertThat(server.last().method()).isEqualTo("DELETE");
        assertThat(server.last().bodyText()).isEqualTo("gone");
    }

    @Test
    void aHeaderPieceWithoutExactlyOneColonIsMinusTwoWithoutACall() {
        for (String url : List.of(server.base() + "/ok::NoColon", server.base() + "/ok::X-A:1:2",
                server.base() + "/ok::")) {
            assertThat(Guests.A.run(capabilities, "fetch GET " + url)).as(url).isEqualTo("rc=-2");
            assertThat(Guests.B.run(capabilities, "fetch GET " + url)).as(url).isEqualTo("rc=-2 ffi=-1");
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void nonSuccessIsMinusStatusInAAndStatusWithBodyInB() {
        assertThat(Guests.A.run(capabilities, "fetch GET " + server.base() + "/nope")).isEqualTo("rc=-404");
        assertThat(Guests.B.run(capabilities, "fetch GET " + server.base() + "/nope"))
                .isEqualTo(errLine("404: nope"));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void transportErrorIsMinusThreeInAAndATextInB() {
        String closed = LoopbackHttp.closedBase() + "/x";
        assertThat(Guests.A.run(capabilities, "fetch GET " + closed)).isEqualTo("rc=-3");
        assertThat(Guests.B.run(capabilities, "fetch POST " + closed))
                .isEqualTo(errLine("POST " + closed + ": ConnectException"));
    }

    @Test
    void aUrlThatIsNotAbsoluteIsAnErrorWithoutACall() {
        assertThat(Guests.A.run(capabilities, "fetch GET /relative")).isEqualTo("rc=-3");
        assertThat(Guests.B.run(capabilities, "fetch GET /relative"))
                .isEqualTo(errLine("invalid URL /relative: not absolute"));
        assertThat(Guests.B.run(capabilities, "fetch GET ftp://127.0.0.1/x"))
                .isEqualTo(errLine("failed to requestIsAllowed: unsupported URL scheme 'ftp'"));
    }

    @Test
    void redirectsAreFollowedToTheFinalAnswer() {
        String url = server.base() + "/redirect?to=%2Fok";
        assertThat(Guests.A.run(capabilities, "fetch GET " + url)).isEqualTo("rc=2 ffi=0 data=ok");
        assertThat(server.received()).extracting(LoopbackHttp.Received::target)
                .containsExactly("/redirect?to=%2Fok", "/ok");
    }

    @Test
    void theResultSlotCanBeFollowedByMoreCallsInOneJob() {
        assertThat(Guests.B.run(capabilities,
                "fetch GET " + server.base() + "/ok",
                "fetch GET " + server.base() + "/nope",
                "fetch GET " + server.base() + "/ok"))
                .isEqualTo("rc=2 ffi=0 data=ok\n" + errLine("404: nope") + "\nrc=2 ffi=0 data=ok");
    }
}
