package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atmo.testing.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers in one JVM serving one Directive whose {@code seconds: 1} schedule counts its runs in each server's
 * in-memory cache ({@code tick} Runnable), read back over HTTP. With {@code connections.nats} (the NATS server
 * on 127.0.0.1:4222, a fresh identifier per run) the schedule runs once per second in total, in one server, and
 * another takes over when that one stops; without it every server runs it.
 */
class ClusterScheduleTest {
    private static final String NATS = """
            connections:
              nats:
                serverAddress: nats://127.0.0.1:4222
            """;

    private final List<AtmoServer> servers = new ArrayList<>();

    @TempDir
    Path bundle;

    @AfterEach
    void stop() {
        servers.forEach(AtmoServer::close);
    }

    private void writeBundle(String identifier, String connections) throws Exception {
        Path example = RepositoryRoot.resolve("testdata/bundles/example-project");
        Files.copy(example.resolve("tick/tick.wasm"), bundle.resolve("tick.wasm"));
        Files.copy(example.resolve("cache-read/cache-read.wasm"), bundle.resolve("cache-read.wasm"));
        Files.writeString(bundle.resolve("Directive.yaml"), """
                identifier: %s
                appVersion: v0.0.1
                atmoVersion: v0.3.0
                %s
                handlers:
                  - type: request
                    method: POST
                    resource: /cache
                    steps:
                      - fn: cache-read

                schedules:
                  - name: ticker
                    every:
                      seconds: 1
                    state:
                      name: ticker
                    steps:
                      - fn: tick
                """.formatted(identifier, connections));
    }

    private AtmoServer start() {
        AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(bundle).host("127.0.0.1").port(0).build());
        servers.add(server);
        return server;
    }

    private static long runs(AtmoServer server) {
        String count = TestServers.send(server, "POST", "/cache", "ticker.count").body();
        return count.equals("<absent>") ? 0 : Long.parseLong(count);
    }

    private static long total(List<AtmoServer> servers) {
        return servers.stream().mapToLong(ClusterScheduleTest::runs).sum();
    }

    @Test
    void aScheduleRunsOncePerPeriodAcrossThreeServersAndAnotherTakesOverWhenItsServerStops() throws Exception {
        writeBundle("com.example.cluster-" + UUID.randomUUID().toString().substring(0, 8), NATS);
        for (int i = 0; i < 3; i++) {
            start();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> total(servers) >= 1);

        long[] before = servers.stream().mapToLong(ClusterScheduleTest::runs).toArray();
        Thread.sleep(6_000);
        long[] after = servers.stream().mapToLong(ClusterScheduleTest::runs).toArray();
        long inWindow = 0;
        List<AtmoServer> ran = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inWindow += after[i] - before[i];
            if (after[i] > before[i]) {
                ran.add(servers.get(i));
            }
        }
        // 6 s at one run a second: 6, give or take a run at each end of the window and a late tick on a busy
        // machine; one run per server and second would be about 18
        assertThat(inWindow).isBetween(4L, 8L);
        assertThat(ran).hasSize(1);

        AtmoServer holder = ran.getFirst();
        holder.close();
        servers.remove(holder);
        long remaining = total(servers);
        // released on shutdown, so the next heartbeat of another server takes it; lease expiry (3 s) bounds it
        await().atMost(Duration.ofSeconds(6)).until(() -> total(servers) > remaining);
        long resumed = total(servers);
        Thread.sleep(4_000);
        // 4 s at one run a second, with the same tolerance as above
        assertThat(total(servers) - resumed).isBetween(2L, 6L);
    }

    @Test
    void withoutNatsEveryServerRunsTheScheduleItself() throws Exception {
        writeBundle("com.example.local", "");
        start();
        start();
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.stream().allMatch(s -> runs(s) >= 2));
    }
}
