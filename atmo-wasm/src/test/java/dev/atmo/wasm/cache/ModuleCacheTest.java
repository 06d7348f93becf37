package dev.atmo.wasm.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.atmo.wasm.error.ModuleCacheException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModuleCacheTest {
    private static final String KEY = "sha256-00ff-chicory-1.7.5-profile-1";

    @TempDir
    Path temp;

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    @Test
    void anAbsentEntryIsAMiss() {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        assertThat(cache.read(KEY)).isEmpty();
    }

    @Test
    void aWrittenEntryReadsBackExactly() {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        byte[] compiled = content(100_000);
        cache.write(KEY, compiled);
        assertThat(cache.read(KEY)).hasValueSatisfying(read -> assertThat(read).isEqualTo(compiled));
        assertThat(ModuleCache.open(temp.resolve("cache")).read(KEY)).hasValueSatisfying(
                read -> assertThat(read).isEqualTo(compiled));
    }

    @Test
    void aMissingDirectoryIsCreatedPrivate() throws IOException {
        Path dir = temp.resolve("a/b/cache");
        ModuleCache.open(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void aFlippedByteMakesTheEntryAMissAndTheNextWriteReplacesIt() throws IOException {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        byte[] compiled = content(5_000);
        cache.write(KEY, compiled);
        Path file = cache.file(KEY);
        byte[] stored = Files.readAllBytes(file);
        stored[stored.length - 10] ^= 1;
        Files.write(file, stored);
        assertThat(cache.read(KEY)).isEmpty();
        cache.write(KEY, compiled);
        assertThat(cache.read(KEY)).hasValueSatisfying(read -> assertThat(read).isEqualTo(compiled));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 60, 4_999})
    void aTruncatedEntryIsAMiss(int cut) throws IOException {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        cache.write(KEY, content(5_000));
        Path file = cache.file(KEY);
        byte[] stored = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(stored, Math.min(cut, stored.length - 1)));
        assertThat(cache.read(KEY)).isEmpty();
    }

    @Test
    void anEntryRenamedToAnotherKeyIsAMiss() throws IOException {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        cache.write(KEY, content(1_000));
        String other = "sha256-11ee-chicory-1.7.5-profile-1";
        Files.copy(cache.file(KEY), cache.file(other));
        assertThat(cache.read(other)).isEmpty();
    }

    @Test
    void anEntryOfAnotherFormatIsAMiss() throws IOException {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        Files.write(cache.file(KEY), "atmo-module-cache 0\nanything".getBytes(StandardCharsets.US_ASCII));
        assertThat(cache.read(KEY)).isEmpty();
    }

    @Test
    void removeDropsTheEntry() {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        cache.write(KEY, content(10));
        cache.remove(KEY);
        assertThat(cache.read(KEY)).isEmpty();
    }

    @Test
    void keysThatCouldLeaveTheDirectoryAreRejected() {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        assertThatThrownBy(() -> cache.read("../escape")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.write(".hidden", new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxrwx---", "rwx---rwx", "rwxrwxrwx"})
    void aDirectoryWritableByOthersIsRefused(String mode) throws IOException {
        Path dir = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        assertThatThrownBy(() -> ModuleCache.open(dir))
                .isInstanceOf(ModuleCacheException.class)
                .hasMessage("module cache " + dir + " is writable by its group or by others (mode " + mode
                        + "); its entries are loaded as code, so run 'chmod go-w " + dir + "' or use another directory");
    }

    @Test
    void aDirectoryReadableByOthersIsAccepted() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("readable"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(ModuleCache.open(dir).directory()).isEqualTo(dir);
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory away");
        Path dir = Files.createDirectory(temp.resolve("theirs"));
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(dir, nobody);
        assertThatThrownBy(() -> ModuleCache.open(dir))
                .isInstanceOf(ModuleCacheException.class)
                .hasMessage("module cache " + dir + " belongs to nobody, not to the user running atmo; its entries "
                        + "are loaded as code, so use a directory of your own");
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> ModuleCache.open(file))
                .isInstanceOf(ModuleCacheException.class)
                .hasMessage("module cache " + file + " is not a directory");
    }

    @Test
    void concurrentWritersAndReadersOnlyEverSeeWholeEntries() throws Exception {
        ModuleCache cache = ModuleCache.open(temp.resolve("cache"));
        byte[] compiled = content(2_000_000);
        int threads = 8;
        // an entry is there from the start: a replacement must never make it vanish or show half of it
        cache.write(KEY, compiled);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Optional<byte[]>>>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                boolean writer = t % 2 == 0;
                results.add(executor.submit(() -> {
                    go.await();
                    List<Optional<byte[]>> reads = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        if (writer) {
                            cache.write(KEY, compiled);
                        }
                        reads.add(cache.read(KEY));
                    }
                    return reads;
                }));
            }
            go.countDown();
            for (Future<List<Optional<byte[]>>> result : results) {
                for (Optional<byte[]> read : result.get(60, TimeUnit.SECONDS)) {
                    assertThat(read).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(compiled));
                }
            }
        }
        assertThat(cache.read(KEY)).hasValueSatisfying(read -> assertThat(read).isEqualTo(compiled));
        try (Stream<Path> files = Files.list(cache.directory())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(KEY + ".bin");
        }
    }
}
