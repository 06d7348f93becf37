package dev.atmo.wasm.abi;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import dev.atmo.wasm.ModuleOptions;
import dev.atmo.wasm.Outcome;
import dev.atmo.wasm.TestModules;
import dev.atmo.wasm.WasmRunnable;
import dev.atmo.wasm.error.RunnableError;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.Slf4jGuestLog;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Modules built with the AssemblyScript SDK ({@code sdk/assemblyscript}): what they import and export, the
 * Runnable that {@code atmo new} creates from the SDK's template, and the SDK's JSON helper
 * ({@code testdata/runnables/sdk/assemblyscript/json.ts}). The SDK's host calls are checked by
 * {@link ConformanceTest} through the {@code sdk-assemblyscript} exerciser.
 */
class SdkAssemblyScriptTest {
    private static WasmRunnable json;

    @BeforeAll
    static void loadJson() {
        json = load("sdk-assemblyscript-json", AbiVersion.B);
    }

    @AfterAll
    static void closeJson() {
        json.close();
    }

    private static WasmRunnable load(String module, AbiVersion abi) {
        return WasmRunnable.load(TestModules.bytes(module), ModuleOptions.of(module).withAbi(abi),
                new Slf4jGuestLog());
    }

    private static Outcome invoke(WasmRunnable runnable, String input) {
        return runnable.invoke(input.getBytes(StandardCharsets.UTF_8), Optional.empty(), Capabilities.none());
    }

    private static String output(WasmRunnable runnable, String input) {
        Outcome outcome = invoke(runnable, input);
        assertThat(outcome).as("outcome of %s", input).isInstanceOf(Outcome.Success.class);
        return new String(((Outcome.Success) outcome).output(), StandardCharsets.UTF_8);
    }

    // ---- the modules ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sdk-assemblyscript", "sdk-assemblyscript-capabilities", "sdk-assemblyscript-json",
            "sdk-assemblyscript-template"})
    void sdkModulesExportTheRunnableFunctionsAndTheMarkerAndImportNoAbort(String module) {
        WasmModule parsed = Parser.parse(TestModules.bytes(module));
        var exports = IntStream.range(0, parsed.exportSection().exportCount())
                .mapToObj(i -> parsed.exportSection().getExport(i).name()).sorted().toList();
        assertThat(exports).containsExactly("allocate", "atmo_abi_b", "deallocate", "init", "memory", "run_e");
        assertThat(parsed.importSection().stream().map(i -> i.module() + "." + i.name()))
                .allSatisfy(name -> assertThat(name).startsWith("env.")
                        .isIn(EnvImports.names(AbiVersion.B).stream().map(n -> "env." + n).toList()))
                .doesNotContain("env.abort");
        assertThat(parsed.importSection().stream().map(i -> i.importType())).containsOnly(ExternalType.FUNCTION);
    }

    @Test
    void theTemplateAnswersHelloAndIsGenerationBWhateverItIsConfiguredAs() {
        for (AbiVersion configured : AbiVersion.values()) {
            try (WasmRunnable template = load("sdk-assemblyscript-template", configured)) {
                assertThat(template.abi()).as("configured as %s", configured).isEqualTo(AbiVersion.B);
                assertThat(output(template, "world")).isEqualTo("hello world");
                assertThat(output(template, "")).isEqualTo("hello ");
            }
        }
    }

    // ---- JSON ----

    @Test
    void jsonBuiltWithTheBuildersIsSerialisedWithEscapesAndPlainNumbers() {
        assertThat(output(json, "build")).isEqualTo("{\"text\":\"quote \\\" backslash \\\\ slash / newline \\n tab \\t"
                + " bell \\u0007 line sep \\u2028 é ☃ 😀\",\"int\":43,\"negative\":-7,\"fraction\":2.5,"
                + "\"large\":1e+21,\"nan\":null,\"yes\":true,\"nothing\":null,\"list\":[1,\"two\",[]],\"empty\":{}}");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{ \"a\" : [ 1e3, 2.50, -0, 0.1, 123456789012 ], \"b\" : { } , \"c\": null, \"d\": false}"
                    + " | {\"a\":[1000,2.5,0,0.1,123456789012],\"b\":{},\"c\":null,\"d\":false}",
            "\"\\u00e9\\ud83d\\ude00\\n\\/\\\"\" | \"é😀\\n/\\\"\"",
            "{\"k\":1,\"k\":2} | {\"k\":2}",
            "`  7  ` | 7",
            "[[[]]] | [[[]]]"})
    void jsonIsParsedAndSerialisedAgain(String input, String expected) {
        assertThat(output(json, input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"a\":1,} | expected a string key at offset 7",
            "[1 2] | expected ',' or ']' at offset 3",
            "\"abc | unterminated string at offset 4",
            "{\"a\":\"\\x\"} | invalid escape at offset 6",
            "`` | unexpected end of JSON at offset 0",
            "nul | unexpected character 'n' at offset 0",
            "1 2 | unexpected text after the value at offset 2"})
    void invalidJsonIsAnErrorNamingTheOffset(String input, String message) {
        assertThat(invoke(json, input)).isEqualTo(new Outcome.Failure(new RunnableError(400, message), Map.of()));
    }

    @Test
    void readingTheValueOfAFailedResultAbortsTheJobWithTheErrorAndItsPlace() {
        assertThat(invoke(json, "value x")).isEqualTo(new Outcome.Failure(new RunnableError(-1,
                "runnable abort: value of a failed result: json: unexpected character 'x' at offset 0; "
                        + "file: ~lib/@atmo/sdk/assembly/result.ts, line: 59, col: 7"), Map.of()));
        assertThat(output(json, "value [1]")).isEqualTo("[1]");
    }

    @Test
    void jsonAccessorsAnswerTheValueOrTheFallback() {
        assertThat(output(json, "read {\"name\":\"Ada \\\"L\\\"\",\"age\":36.9,\"ratio\":0.25,\"flag\":true,"
                + "\"list\":[{\"a\":1},2]}")).isEqualTo("""
                kind=5
                keys=name,age,ratio,flag,list
                length=5
                name=Ada "L"
                age=36
                ratio=0.25
                flag=true
                first={"a":1}
                outside=null
                has name=true
                missing=null
                name as number=-1.0
                quoted="Ada \\"L\\\"\"""");
        assertThat(output(json, "read [1,2]")).isEqualTo("""
                kind=4
                keys=
                length=2
                name=?
                age=-1
                ratio=-1.0
                flag=false
                first=null
                outside=null
                has name=false
                missing=null
                name as number=-1.0
                quoted=\"\"""");
    }
}
