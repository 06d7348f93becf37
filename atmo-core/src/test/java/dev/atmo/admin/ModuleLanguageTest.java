package dev.atmo.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.testing.RepositoryRoot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ModuleLanguageTest {

    @Test
    void aModuleWithoutAProducersSectionDoesNotSay() throws Exception {
        assertThat(ModuleLanguage.of(hello())).isEmpty();
        assertThat(ModuleLanguage.of(new byte[] {1, 2, 3})).isEmpty();
    }

    @Test
    void theLanguageFieldOfTheProducersSectionNamesIt() throws Exception {
        byte[] wasm = withProducers(hello(), field("language", "Rust", ""), field("processed-by", "rustc", "1.80"));
        assertThat(ModuleLanguage.of(wasm)).contains("Rust");
    }

    @Test
    void aKnownCompilerInProcessedByNamesItWhenThereIsNoLanguageField() throws Exception {
        byte[] wasm = withProducers(hello(), field("processed-by", "TinyGo", "0.33.0"));
        assertThat(ModuleLanguage.of(wasm)).contains("Go");
        assertThat(ModuleLanguage.of(withProducers(hello(), field("processed-by", "wasm-opt", "1")))).isEmpty();
    }

    @Test
    void aTruncatedSectionSaysNothingRatherThanFailing() throws Exception {
        byte[] wasm = withProducers(hello(), field("language", "Rust", ""));
        byte[] cut = java.util.Arrays.copyOf(wasm, wasm.length - 3);
        assertThat(ModuleLanguage.of(cut)).isEmpty();
    }

    private static byte[] hello() throws Exception {
        return Files.readAllBytes(RepositoryRoot.resolve("examples/hello/hello/hello.wasm"));
    }

    /** A producers field with one value: its name, a count of one, the value's name and version. */
    private static byte[] field(String name, String value, String version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        name(out, name);
        out.write(1);
        name(out, value);
        name(out, version);
        return out.toByteArray();
    }

    /** The module with a producers custom section appended (custom sections may come anywhere). */
    static byte[] withProducers(byte[] wasm, byte[]... fields) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        name(content, "producers");
        content.write(fields.length);
        for (byte[] field : fields) {
            content.writeBytes(field);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(wasm);
        out.write(0);
        out.write(content.size());
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static void name(ByteArrayOutputStream out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
