package dev.atmo.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import dev.atmo.wasm.cache.ModuleCache;
import dev.atmo.wasm.host.Slf4jGuestLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerCacheTest {
    @TempDir
    Path temp;

    private static WasmRunnable hello(Optional<ModuleCache> cache) {
        return WasmRunnable.load(TestModules.example("hello/hello/hello.wasm"),
                ModuleOptions.of("hello").withCache(cache), new Slf4jGuestLog());
    }

    private static String expectedKey() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(TestModules.example("hello/hello/hello.wasm"));
        return "sha256-" + HexFormat.of().formatHex(sha) + "-chicory-" + CompilerCache.CHICORY_VERSION + "-profile-"
                + CompilerCache.PROFILE;
    }

    private static Path onlyEntry(ModuleCache cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.directory())) {
            List<Path> entries = files.toList();
            assertThat(entries).hasSize(1);
            return entries.get(0);
        }
    }

    @Test
    void theChicoryVersionIsReadFromItsJar() {
        assertThat(CompilerCache.CHICORY_VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void theKeyIsTheModulesSha256WithTheChicoryVersionAndTheProfile() throws Exception {
        String digest = Parser.parse(TestModules.example("hello/hello/hello.wasm")).digest();
        assertThat(CompilerCache.key(digest)).hasValue(expectedKey());
    }

    @Test
    void digestsOtherThanSha256AreNotCached() {
        assertThat(CompilerCache.key("sha-512:AAAA")).isEmpty();
        assertThat(CompilerCache.key("sha-256:not base64!")).isEmpty();
        assertThat(CompilerCache.key("sha-256:AAAA")).isEmpty();
    }

    @Test
    void aModuleLoadedThroughTheCacheAnswersLikeOneCompiledWithoutIt() throws Exception {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        String fresh;
        try (WasmRunnable plain = hello(Optional.empty())) {
            fresh = WasmRunnableTest.run(plain, "world");
        }
        try (WasmRunnable first = hello(Optional.of(cache))) {
            assertThat(WasmRunnableTest.run(first, "world")).isEqualTo(fresh).isEqualTo("hello world");
        }
        Path entry = onlyEntry(cache);
        assertThat(entry.getFileName().toString()).isEqualTo(expectedKey() + ".bin");
        FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(entry, written);
        try (WasmRunnable second = hello(Optional.of(cache))) {
            assertThat(WasmRunnableTest.run(second, "world")).isEqualTo(fresh);
            assertThat(WasmRunnableTest.run(second, "again")).isEqualTo("hello again");
        }
        assertThat(Files.getLastModifiedTime(entry)).as("a hit does not write the entry again").isEqualTo(written);
    }

    @Test
    void aDamagedEntryIsCompiledAgainAndReplaced() throws Exception {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        hello(Optional.of(cache)).close();
        Path entry = onlyEntry(cache);
        byte[] stored = Files.readAllBytes(entry);
        Files.write(entry, Arrays.copyOf(stored, stored.length / 2));
        try (WasmRunnable hello = hello(Optional.of(cache))) {
            assertThat(WasmRunnableTest.run(hello, "world")).isEqualTo("hello world");
        }
        // compiled again: the same classes, though the jar's timestamps may differ
        assertThat(Files.readAllBytes(entry)).hasSameSizeAs(stored).isNotEqualTo(Arrays.copyOf(stored, stored.length / 2));
        assertThat(cache.read(expectedKey())).isPresent();
    }

    @Test
    void anIntactEntryWhoseCodeDoesNotLoadIsCompiledAgainAndReplaced() throws Exception {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        cache.write(expectedKey(), "not a jar of classes".getBytes(StandardCharsets.UTF_8));
        try (WasmRunnable hello = hello(Optional.of(cache))) {
            assertThat(WasmRunnableTest.run(hello, "world")).isEqualTo("hello world");
        }
        assertThat(cache.read(expectedKey())).hasValueSatisfying(bytes -> assertThat(bytes.length).isGreaterThan(1000));
    }

    @Test
    void theInterpreterNeitherReadsNorWritesTheCache() throws Exception {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        try (WasmRunnable hello = WasmRunnable.load(TestModules.example("hello/hello/hello.wasm"),
                ModuleOptions.of("hello").withMode(EngineMode.INTERPRETER).withCache(Optional.of(cache)),
                new Slf4jGuestLog())) {
            assertThat(WasmRunnableTest.run(hello, "world")).isEqualTo("hello world");
        }
        try (Stream<Path> files = Files.list(cache.directory())) {
            assertThat(files).isEmpty();
        }
    }
}
