package dev.atmo.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atmo.directive.Every;
import dev.atmo.directive.Mark;
import dev.atmo.directive.Schedule;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leases against the NATS server on 127.0.0.1:4222, each test in a bucket of its own so that tests running at
 * the same time never share a lease.
 */
class NatsLeasesTest {
    private static final String NATS = "nats://127.0.0.1:4222";
    private static final Duration EXPIRY = Duration.ofSeconds(2);
    private static final Schedule TICKER = new Schedule("ticker", new Every(1, 0, 0, 0), Map.of(), List.of(),
            Mark.NONE);

    private final String bucket = "atmo_schedules_test_" + UUID.randomUUID().toString().substring(0, 8);
    private final List<NatsLeases> processes = new ArrayList<>();
    private Connection connection;

    @BeforeEach
    void connect() throws Exception {
        connection = Nats.connect(NATS);
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(NatsLeases::close);
        try {
            if (connection.keyValueManagement().getBucketNames().contains(bucket)) {
                connection.keyValueManagement().delete(bucket);
            }
        } finally {
            connection.close();
        }
    }

    private Lease process() {
        NatsLeases leases = NatsLeases.start(NATS, "com.example.leases", bucket, EXPIRY);
        processes.add(leases);
        return leases.lease(TICKER);
    }

    private static long holders(List<Lease> leases) {
        return leases.stream().filter(Lease::held).count();
    }

    @Test
    void aLeaseKeyIsTheIdentifierAndTheScheduleNameWithOtherCharactersEscaped() {
        assertThat(NatsLeases.key("com.example.app", "nightly-report_2")).isEqualTo("com.example.app.nightly-report_2");
        assertThat(NatsLeases.key("com.example.app", "every hour.v2")).isEqualTo("com.example.app.every=20=hour=2e=v2");
        assertThat(NatsLeases.key("com.example.app", "a=b")).isEqualTo("com.example.app.a=3d=b");
    }

    @Test
    void exactlyOneOfThreeProcessesHoldsAScheduleLease() throws Exception {
        List<Lease> leases = List.of(process(), process(), process());
        await().atMost(Duration.ofSeconds(10)).until(() -> holders(leases) == 1);
        Lease holder = leases.stream().filter(Lease::held).findFirst().orElseThrow();
        // several heartbeats: renewing keeps the lease with its holder and no other process ever holds it (the
        // holder itself may count as not holding for a moment when a renewal is late on a busy machine)
        for (int sample = 0; sample < 20; sample++) {
            assertThat(leases.stream().filter(Lease::held).toList()).isSubsetOf(List.of(holder));
            Thread.sleep(150);
        }
        await().atMost(Duration.ofSeconds(5)).until(holder::held);
    }

    @Test
    void whenTheHolderShutsDownAnotherProcessTakesOverWithTheLastRun() {
        List<Lease> leases = new ArrayList<>(List.of(process(), process(), process()));
        await().atMost(Duration.ofSeconds(10)).until(() -> holders(leases) == 1);
        int index = leases.indexOf(leases.stream().filter(Lease::held).findFirst().orElseThrow());
        Instant lastRun = Instant.parse("2026-12-01T09:30:00.123456789Z");
        leases.get(index).ran(lastRun);
        // the last run reaches the bucket with the next heartbeat; the others read it from there
        await().atMost(Duration.ofSeconds(5)).until(() -> leases.stream()
                .allMatch(l -> l.lastRun().equals(Optional.of(lastRun))));
        processes.get(index).close();
        leases.remove(index);
        await().atMost(Duration.ofSeconds(5)).until(() -> holders(leases) == 1);
        assertThat(leases.stream().filter(Lease::held).findFirst().orElseThrow().lastRun()).contains(lastRun);
    }

    @Test
    void aLeaseWhoseHolderStoppedRenewingItIsTakenOverOnceItExpires() throws Exception {
        connection.keyValueManagement().create(KeyValueConfiguration.builder().name(bucket).maxHistoryPerKey(1)
                .ttl(EXPIRY).storageType(StorageType.Memory).build());
        KeyValue kv = connection.keyValue(bucket);
        Instant lastRun = Instant.parse("2026-12-01T09:31:00Z");
        kv.create(NatsLeases.key("com.example.leases", "ticker"),
                new LeaseValue("gone-host/4242/deadbeef", Optional.of(lastRun)).bytes());
        Instant written = Instant.now();
        Lease lease = process();
        await().atMost(Duration.ofSeconds(10)).until(lease::held);
        // the foreign entry is removed by the bucket's max age, not earlier
        assertThat(Duration.between(written, Instant.now())).isGreaterThanOrEqualTo(EXPIRY.minusMillis(100));
        assertThat(lease.lastRun()).contains(lastRun);
    }
}
