package dev.atmo.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWatcherTest {

    @Test
    void anEditAnAdditionAndARemovalChangeTheFingerprint(@TempDir Path folder) throws Exception {
        Path source = folder.resolve("lib.rs");
        Files.writeString(source, "fn a() {}");
        Files.setLastModifiedTime(source, FileTime.fromMillis(1_000_000));
        String first = SourceWatcher.fingerprint(folder);
        assertThat(SourceWatcher.fingerprint(folder)).isEqualTo(first);

        Files.writeString(source, "fn b() {}");
        Files.setLastModifiedTime(source, FileTime.fromMillis(2_000_000));
        String edited = SourceWatcher.fingerprint(folder);
        assertThat(edited).isNotEqualTo(first);

        Files.writeString(folder.resolve("more.rs"), "");
        String added = SourceWatcher.fingerprint(folder);
        assertThat(added).isNotEqualTo(edited);

        Files.delete(folder.resolve("more.rs"));
        assertThat(SourceWatcher.fingerprint(folder)).isEqualTo(edited);
    }

    @Test
    void downloadsBuildOutputAndLockFilesAreNotWatched(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("index.ts"), "x");
        String before = SourceWatcher.fingerprint(folder);
        for (String dir : new String[] {"node_modules/assemblyscript", "target/release", ".cache"}) {
            Files.createDirectories(folder.resolve(dir));
            Files.writeString(folder.resolve(dir).resolve("file"), "written by a tool");
        }
        Files.writeString(folder.resolve("hello.wasm"), "built");
        Files.writeString(folder.resolve("hello.debug.wasm"), "built");
        Files.writeString(folder.resolve("Cargo.lock"), "written by cargo");
        Files.writeString(folder.resolve("package-lock.json"), "written by npm");
        assertThat(SourceWatcher.fingerprint(folder)).isEqualTo(before);
    }

    @Test
    void aMissingFolderHasItsOwnFingerprint(@TempDir Path dir) {
        assertThat(SourceWatcher.fingerprint(dir.resolve("gone"))).isEqualTo("absent");
    }
}
