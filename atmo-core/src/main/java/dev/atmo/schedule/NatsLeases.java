package dev.atmo.schedule;

import dev.atmo.directive.Schedule;
import dev.atmo.stream.NatsConnector;
import dev.atmo.stream.StreamException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases in a JetStream key-value bucket, so that each schedule runs in one process of all those serving the
 * same Directive identifier: key {@code <identifier>.<schedule name>}, one holder at a time, taken over by
 * another process once the holder stops renewing it for the bucket's max age. One virtual thread connects
 * (retrying while NATS is away; no lease is held meanwhile, so no schedule runs) and renews every lease once
 * per heartbeat.
 */
public final class NatsLeases implements Leases {
    /** The bucket Atmo keeps schedule leases in. */
    public static final String BUCKET = "atmo_schedules";
    /** How long a lease outlives its holder's last heartbeat, when Atmo creates the bucket. */
    public static final Duration EXPIRY = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.schedule");
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(10);
    private static final Duration MAX_HEARTBEAT = Duration.ofSeconds(1);

    private final String address;
    private final String identifier;
    private final String bucketName;
    private final Duration expiry;
    private final String holder;
    private final List<NatsLease> leases = new CopyOnWriteArrayList<>();
    private final Thread heartbeat;
    private volatile boolean stopped;
    private volatile Connection connection;
    private volatile KeyValue bucket;
    private Duration beat = MAX_HEARTBEAT;
    private Duration validity;
    private String lastProblem = "";

    private NatsLeases(String address, String identifier, String bucketName, Duration expiry) {
        this.address = address;
        this.identifier = identifier.isEmpty() ? "atmo" : identifier;
        this.bucketName = bucketName;
        this.expiry = expiry;
        this.holder = hostName() + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        this.heartbeat = Thread.ofVirtual().name("schedule-leases").unstarted(this::loop);
    }

    /**
     * Leases for the schedules of the Directive {@code identifier} on the NATS server at {@code address}, in
     * bucket {@link #BUCKET}; connects in the background.
     */
    public static NatsLeases start(String address, String identifier) {
        return start(address, identifier, BUCKET, EXPIRY);
    }

    /** As {@link #start(String, String)} with another bucket and the max age it gets if Atmo creates it. */
    static NatsLeases start(String address, String identifier, String bucket, Duration expiry) {
        NatsLeases leases = new NatsLeases(Objects.requireNonNull(address), Objects.requireNonNull(identifier),
                bucket, expiry);
        leases.heartbeat.start();
        return leases;
    }

    /** Who holds a lease this process holds: host, process id and a per-start suffix. */
    public String holder() {
        return holder;
    }

    @Override
    public Lease lease(Schedule schedule) {
        NatsLease lease = new NatsLease(schedule.name(), key(identifier, schedule.name()), holder);
        leases.add(lease);
        return lease;
    }

    /**
     * The key of a schedule's lease: {@code <identifier>.<name>}, with every character a key may not hold (and
     * every dot of the name) written as {@code =} and its code in hex, so distinct names keep distinct keys.
     */
    static String key(String identifier, String name) {
        return escape(identifier, '.') + "." + escape(name, '-');
    }

    /** Keeps ASCII letters and digits, {@code - _ /} and {@code also}; writes any other character as {@code =hex=}. */
    private static String escape(String text, char also) {
        StringBuilder key = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '/' || c == also)) {
                key.appendCodePoint(c);
            } else {
                key.append('=').append(Integer.toHexString(c)).append('=');
            }
        });
        return key.toString();
    }

    private void loop() {
        while (!stopped) {
            try {
                if (bucket == null) {
                    open();
                }
                for (NatsLease lease : leases) {
                    lease.refresh(bucket, validity);
                }
                lastProblem = "";
            } catch (StreamException | IOException | JetStreamApiException e) {
                report(bucket == null
                        ? "schedules wait for the lease bucket " + bucketName + " on NATS at " + address + ": "
                                + e.getMessage()
                        : "schedule leases could not be renewed: " + e);
            } catch (IllegalStateException e) {
                report("schedule leases could not be renewed: " + e.getMessage());
            }
            try {
                Thread.sleep(beat);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public boolean connected() {
        Connection current = connection;
        return current != null && current.getStatus() == Connection.Status.CONNECTED;
    }

    /** Logs a problem once, not once per heartbeat while it lasts. */
    private void report(String problem) {
        if (!problem.equals(lastProblem)) {
            LOG.warn("{}", problem);
            lastProblem = problem;
        }
    }

    /**
     * Connects and opens the bucket, creating it if needed; a lease is renewed three times per max age (at most
     * once a second) and trusted here for 90% of the max age from the moment its renewal was sent: the server
     * stamps the entry later than that, so it cannot expire (and be taken by another process) any earlier.
     */
    private void open() throws IOException, JetStreamApiException {
        if (connection == null) {
            connection = NatsConnector.connect(address, identifier + " schedules", CONNECT_WAIT);
        }
        KeyValueManagement buckets = connection.keyValueManagement();
        KeyValueStatus status;
        try {
            status = buckets.getStatus(bucketName);
        } catch (JetStreamApiException missing) {
            status = buckets.create(KeyValueConfiguration.builder().name(bucketName).maxHistoryPerKey(1)
                    .ttl(expiry).storageType(StorageType.Memory)
                    .description("Atmo schedule leases: one process runs each schedule").build());
        }
        Duration age = status.getConfiguration().getTtl();
        if (age == null || age.isZero() || age.isNegative()) {
            throw new StreamException("the key-value bucket " + bucketName + " has no max age, so a lease whose "
                    + "holder died would never expire; delete the bucket and Atmo creates it with a max age of "
                    + EXPIRY.toSeconds() + " s");
        }
        beat = age.dividedBy(3).compareTo(MAX_HEARTBEAT) < 0 ? age.dividedBy(3) : MAX_HEARTBEAT;
        validity = age.minus(age.dividedBy(10));
        bucket = connection.keyValue(bucketName);
        LOG.info("schedules run once per cluster: leases in bucket {} (max age {} ms) as {}", bucketName,
                age.toMillis(), holder);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    @Override
    public void close() {
        stopped = true;
        heartbeat.interrupt();
        try {
            heartbeat.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (bucket != null) {
            leases.forEach(lease -> lease.release(bucket));
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
