package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.capability.CacheLimits;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory cache, filled by a Runnable through HTTP, stays within its byte bounds. */
class CacheBoundsTest {

    private static String run(AtmoServer server, String commands) {
        HttpResponse<String> response = TestServers.send(server, "POST", "/exercise", commands);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void aValueOverThePerValueBoundIsRefusedByDefault(@TempDir Path dir) {
        AtmoServer server = AtmoServer.start(ExerciserBundle.options(dir).build());
        try {
            String big = "v".repeat(2 * 1024 * 1024);
            assertThat(run(server, "cache_set big " + big + " 0\ncache_get big"))
                    .isEqualTo("rc=-2\nrc=-13 ffi=0 err=key not found");
            assertThat(run(server, "cache_set small " + "v".repeat(1000) + " 0\ncache_get small"))
                    .isEqualTo("rc=0\nrc=1000 ffi=0 data=" + "v".repeat(1000));
        } finally {
            server.close();
        }
    }

    @Test
    void valuesPastTheByteBoundEvictTheLeastRecentlyUsed(@TempDir Path dir) {
        AtmoServer server = AtmoServer.start(ExerciserBundle.options(dir)
                .cache(new CacheLimits(4 * 1024 * 1024, 1024 * 1024)).build());
        try {
            String value = "x".repeat(900 * 1024);
            for (int i = 0; i < 8; i++) {
                assertThat(run(server, "cache_set k" + i + " " + value + " 0")).isEqualTo("rc=0");
            }
            // 4 MiB hold four values of 900 KiB: k4..k7 stay, k0..k3 went first
            for (int i = 0; i < 4; i++) {
                assertThat(run(server, "nofetch cache_get k" + i)).as("k" + i).isEqualTo("rc=-13");
            }
            for (int i = 4; i < 8; i++) {
                assertThat(run(server, "nofetch cache_get k" + i)).as("k" + i).isEqualTo("rc=" + value.length());
            }
        } finally {
            server.close();
        }
    }
}
