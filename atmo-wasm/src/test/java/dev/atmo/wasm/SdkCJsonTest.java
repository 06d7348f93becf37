package dev.atmo.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.wasm.abi.AbiVersion;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.Slf4jGuestLog;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON functions of the C SDK ({@code sdk/c}), run inside the engine by {@code testdata/runnables/sdk/c/json.c}:
 * each input line is a command whose output line shows what the SDK parsed, read or wrote.
 */
class SdkCJsonTest {
    private static WasmRunnable json;

    @BeforeAll
    static void load() {
        json = WasmRunnable.load(TestModules.bytes("sdk-c-json"), ModuleOptions.of("sdk-c-json"),
                new Slf4jGuestLog());
    }

    @AfterAll
    static void close() {
        json.close();
    }

    private static String run(String... lines) {
        Outcome outcome = json.invoke(String.join("\n", lines).getBytes(StandardCharsets.UTF_8), Optional.empty(),
                Capabilities.none());
        assertThat(outcome).isInstanceOf(Outcome.Success.class);
        return new String(((Outcome.Success) outcome).output(), StandardCharsets.UTF_8);
    }

    @Test
    void moduleIsGenerationBByItsMarker() {
        assertThat(json.abi()).isEqualTo(AbiVersion.B);
    }

    @Test
    void parsedValuesSerialiseCompactlyWithEscapesAndShortestNumbers() {
        assertThat(run(
                "roundtrip [1, 2.50, -0, 1e3, true, false, null, \"x\\\"y\\\\z\\/\\u00e9\\ud83d\\ude00\\n\\u001f\", "
                        + "-12.5e-1, 0.30000000000000004]",
                "roundtrip   {\"k\" : {\"n\":[[]]}, \"e\": {}}  ",
                "roundtrip {\"a\":1,\"b\":2,\"a\":3}",
                "roundtrip 123456789012",
                "roundtrip \"\\ud800\""))
                .isEqualTo(String.join("\n",
                        "[1,2.5,0,1000,true,false,null,\"x\\\"y\\\\z/é😀\\n\\u001f\",-1.25,0.30000000000000004]",
                        "{\"k\":{\"n\":[[]]},\"e\":{}}",
                        "{\"a\":3,\"b\":2}",
                        "123456789012",
                        "\"\uFFFD\""));
    }

    @Test
    void invalidTextIsAnErrorNamingTheByteAndTheProblem() {
        assertThat(run(
                "roundtrip {\"a\":}",
                "roundtrip [1,2",
                "roundtrip \"abc",
                "roundtrip 01",
                "roundtrip {\"a\":1} x",
                "roundtrip tru",
                "roundtrip \"\\x\"",
                "roundtrip \"a\tb\"",
                "roundtrip {1:2}",
                "roundtrip "))
                .isEqualTo(String.join("\n",
                        "error: invalid JSON at byte 5: invalid number",
                        "error: invalid JSON at byte 4: expected ',' or ']'",
                        "error: invalid JSON at byte 4: unterminated string",
                        "error: invalid JSON at byte 1: unexpected text after the value",
                        "error: invalid JSON at byte 8: unexpected text after the value",
                        "error: invalid JSON at byte 0: invalid literal",
                        "error: invalid JSON at byte 2: invalid escape",
                        "error: invalid JSON at byte 2: control character in string",
                        "error: invalid JSON at byte 1: expected a string key",
                        "error: invalid JSON at byte 0: unexpected end"));
    }

    @Test
    void typedAccessorsReadValuesAndFallBackForOtherTypes() {
        String person = "{\"name\":\"Ada\",\"age\":36,\"ok\":true}";
        assertThat(run(
                "describe {\"a\":1,\"b\":[\"x\",null,{\"c\":false}],\"d\":\"\\u0041\",\"e\":2.5}",
                "get name " + person,
                "get age " + person,
                "get ok " + person,
                "get nope " + person,
                "get name [1]",
                "get big {\"big\":1e300}",
                "get neg {\"neg\":-2.7}"))
                .isEqualTo(String.join("\n",
                        "object(a=number(1),b=array(string(x),null,object(c=bool(false))),d=string(A),e=number(2.5))",
                        "string Ada -1 -1 false",
                        "number - 36 36 false",
                        "bool - -1 -1 true",
                        "absent - -1 -1 false",
                        "absent - -1 -1 false",
                        "number - 1e+300 9223372036854775807 false",
                        "number - -2.7 -2 false"));
    }

    @Test
    void builtValuesKeepInsertionOrderAndEscapeEveryControlCharacter() {
        assertThat(run("build")).isEqualTo("{\"name\":\"Ada \\\"the first\\\"\\n\\\\ \\u0001 é\",\"tags\":[\"math\",null],"
                + "\"age\":36,\"numbers\":[0.1,1.5,-7,1e+21,9007199254740992,1e-07,null],\"ok\":true,"
                + "\"bytes\":\"a\\u0000b\"}");
    }
}
