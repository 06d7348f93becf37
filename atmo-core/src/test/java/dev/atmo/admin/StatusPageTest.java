package dev.atmo.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atmo.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusPageTest {
    private static final String HOSTILE = "<script>alert('x')</script>&\"";
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void everyNameFromTheBundleIsEscaped() {
        String html = StatusPage.render(status());

        assertThat(html).doesNotContain("<script>alert").doesNotContain("alert('x')");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
        // the page's own script is the only one
        assertThat(html.split("<script>", -1)).hasSize(2);
        assertThat(html).contains("<main>").contains("</main>").contains("<svg class=\"spark\"")
                .doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void theJsonCarriesTheSameValues() throws Exception {
        JsonNode json = new ObjectMapper().readTree(StatusJson.write(status()));

        assertThat(json.at("/bundle/identifier").asText()).isEqualTo(HOSTILE);
        assertThat(json.at("/bundle/loadedAt").asText()).isEqualTo("2026-01-01T11:00:00Z");
        assertThat(json.at("/handlers/0/name").asText()).isEqualTo("POST " + HOSTILE);
        assertThat(json.at("/handlers/0/requests").asLong()).isEqualTo(3);
        assertThat(json.at("/handlers/0/errors").asLong()).isEqualTo(1);
        assertThat(json.at("/handlers/0/p50Millis").asDouble()).isEqualTo(1.048576);
        assertThat(json.at("/handlers/0/slots").size()).isEqualTo(2);
        assertThat(json.at("/runnables/0/errors/0/requestId").asText()).isEqualTo("req-1");
        assertThat(json.at("/runnables/0/pool/max").asInt()).isEqualTo(4);
        assertThat(json.at("/connections/0/up").asBoolean()).isFalse();
        assertThat(json.at("/schedules/0/nextRun").isNull()).isTrue();
        assertThat(json.at("/schedules/0/everySeconds").asLong()).isEqualTo(60);
    }

    private static AdminStatus status() {
        Activity activity = new Activity(new TestClock(NOW), Duration.ofSeconds(10), 2);
        HandlerActivity route = activity.handler("http", "POST " + HOSTILE);
        route.record(1_000_000, false);
        route.record(1_000_000, false);
        route.record(1_000_000, true);
        return new AdminStatus(NOW,
                new AdminStatus.BundleState(HOSTILE, HOSTILE, HOSTILE, Optional.of(NOW.minusSeconds(3600)),
                        List.of(new BundleLoad(NOW.minusSeconds(3600), true, HOSTILE))),
                List.of(route.status()),
                List.of(new AdminStatus.RunnableState(HOSTILE, HOSTILE, "B", HOSTILE, 2048, true,
                        new AdminStatus.Pool(1, 2, 4), List.of(new RunnableFailure(NOW, "req-1", HOSTILE)))),
                List.of(new AdminStatus.ConnectionState("redis", HOSTILE, false)),
                List.of(new AdminStatus.ScheduleState(HOSTILE, Duration.ofMinutes(1), Optional.empty(),
                        Optional.of(NOW), Optional.of(HOSTILE))));
    }
}
