package dev.atmo.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.atmo.wasm.host.Capabilities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuestNicenessTest {

    private static int niceness() {
        try {
            return GuestNiceness.currentThreadNiceness();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aThreadThatAsksIsGivenTheHigherNiceness() throws Exception {
        int base = niceness();
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        try (GuestNiceness nicer = GuestNiceness.of(7)) {
            Thread.ofPlatform().start(() -> {
                nicer.applyToCurrentThread();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (niceness() == base && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                seen.complete(niceness());
            });
            assertThat(seen.get(20, TimeUnit.SECONDS)).isEqualTo(Math.min(GuestNiceness.MAX, base + 7));
        }
        assertThat(niceness()).as("the asking thread only").isEqualTo(base);
    }

    @Test
    void zeroLeavesThePriorityAlone() throws Exception {
        int base = niceness();
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        try (GuestNiceness same = GuestNiceness.of(0)) {
            Thread.ofPlatform().start(() -> {
                same.applyToCurrentThread();
                seen.complete(niceness());
            });
            assertThat(seen.get(20, TimeUnit.SECONDS)).isEqualTo(base);
        }
    }

    @Test
    void nicenessOutsideTheKernelsRangeIsRefused() {
        assertThatThrownBy(() -> GuestNiceness.of(20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("guest niceness must be between 0 and 19, got 20");
        assertThatThrownBy(() -> GuestNiceness.of(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("guest niceness must be between 0 and 19, got -1");
    }

    @Test
    void guestThreadsRunNicerThanTheRestOfTheProcess() throws Exception {
        int base = niceness();
        try (GuestThreads guests = GuestThreads.start(1, 5);
             WasmRunnable echo = WasmRunnableTest.load("echo-wat", Limits.defaults(), EngineMode.COMPILER)) {
            guests.invoke(echo, "hi".getBytes(StandardCharsets.UTF_8), Optional.empty(), Capabilities.none(),
                    System.nanoTime());
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(threadNiceness("atmo-guest-1")).isEqualTo(base + 5));
        }
    }

    /** The niceness ps reports for this process's thread of that name. */
    private static int threadNiceness(String name) throws Exception {
        Process ps = new ProcessBuilder("ps", "-L", "-o", "comm=,nice=", "-p",
                Long.toString(ProcessHandle.current().pid())).start();
        List<String> lines = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(line -> line.startsWith(name + " ")).toList();
        assertThat(lines).as("threads named %s", name).hasSize(1);
        return Integer.parseInt(lines.get(0).substring(name.length()).strip());
    }
}
