package dev.atmo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code atmo.jar} processes serve one Directive with {@code connections.nats} (the NATS server on
 * 127.0.0.1:4222, a fresh identifier per run): its {@code seconds: 1} schedule runs once per second in total,
 * counted by the {@code executing schedule} line each run logs, and keeps running after the process holding the
 * lease is killed with SIGKILL.
 */
class ClusterScheduleJarIT {
    private static final Pattern RUN = Pattern.compile("executing schedule ticker ");

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private Path writeBundle() throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Path example = AtmoJarIT.ROOT.resolve("testdata/bundles/example-project");
        Files.copy(example.resolve("tick/tick.wasm"), bundle.resolve("tick.wasm"));
        Files.writeString(bundle.resolve("Directive.yaml"), """
                identifier: com.example.cluster-%s
                appVersion: v0.0.1
                atmoVersion: v0.3.0

                connections:
                  nats:
                    serverAddress: nats://127.0.0.1:4222

                schedules:
                  - name: ticker
                    every:
                      seconds: 1
                    state:
                      name: ticker
                    steps:
                      - fn: tick
                """.formatted(UUID.randomUUID().toString().substring(0, 8)));
        return bundle;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long runs(Path log) {
        Matcher matcher = RUN.matcher(read(log));
        long count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private long[] runs() {
        return logs.stream().mapToLong(ClusterScheduleJarIT::runs).toArray();
    }

    private static long sum(long[] counts) {
        long sum = 0;
        for (long count : counts) {
            sum += count;
        }
        return sum;
    }

    @Test
    void threeProcessesRunAScheduleOncePerSecondInTotalAndKeepRunningItAfterTheHolderIsKilled() throws Exception {
        Path bundle = writeBundle();
        for (int i = 0; i < 3; i++) {
            Path log = dir.resolve("atmo-" + i + ".log");
            logs.add(log);
            processes.add(AtmoJarIT.atmo("start", "--port", String.valueOf(AtmoJarIT.freePort()), bundle.toString())
                    .redirectOutput(log.toFile()).start());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> logs.stream().allMatch(log ->
                read(log).contains("schedules run once per cluster")));
        await().atMost(Duration.ofSeconds(10)).until(() -> sum(runs()) >= 1);

        long[] before = runs();
        Thread.sleep(8_000);
        long[] after = runs();
        int holder = -1;
        for (int i = 0; i < 3; i++) {
            if (after[i] > before[i]) {
                assertThat(holder).as("only one process runs the schedule").isEqualTo(-1);
                holder = i;
            }
        }
        // 8 s at one run a second: 8, give or take a run at each end of the window and a late tick on a busy
        // machine; one run per process and second would be about 24
        assertThat(sum(after) - sum(before)).isBetween(6L, 10L);

        processes.get(holder).destroyForcibly().waitFor();
        long[] atKill = runs();
        // a killed holder does not release its lease: it expires after the bucket's max age (3 s), then the next
        // heartbeat of another process (at most 1 s later) takes it and runs the schedule
        await().atMost(Duration.ofSeconds(8)).until(() -> sum(runs()) > sum(atKill));
        long[] resumed = runs();
        Thread.sleep(6_000);
        long[] end = runs();
        assertThat(end[holder]).isEqualTo(atKill[holder]);
        // 6 s at one run a second, with the same tolerance as above
        assertThat(sum(end) - sum(resumed)).isBetween(4L, 8L);
    }
}
