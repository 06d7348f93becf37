package dev.atmo.stream;

import dev.atmo.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@code nats-server} of the test's own on a free loopback port, with JetStream storing its files under a
 * directory, so a test can stop it and start it again on the same port with the same streams.
 */
final class NatsServerProcess implements AutoCloseable {
    private static final Duration START_WAIT = Duration.ofSeconds(15);
    private static NatsServerProcess shared;

    private final int port;
    private final Path storage;
    private Process process;
    private int starts;

    private NatsServerProcess(int port, Path storage) {
        this.port = port;
        this.storage = storage;
    }

    /** Starts a server of the test's own. */
    static NatsServerProcess start(Path storage) {
        NatsServerProcess server = new NatsServerProcess(freePort(), storage);
        server.startAgain();
        return server;
    }

    /**
     * The NATS server tests share: the one on 127.0.0.1:4222 when it is running, otherwise one started once
     * for the whole test run.
     */
    static synchronized String sharedUrl() {
        if (accepts(4222)) {
            return "nats://127.0.0.1:4222";
        }
        if (shared == null) {
            try {
                shared = start(Files.createTempDirectory("nats-shared"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared.url();
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts the server (again) and waits until it is ready for clients. */
    void startAgain() {
        starts++;
        Path log = storage.resolve("nats-server-" + starts + ".log");
        try {
            process = new ProcessBuilder("nats-server", "-a", "127.0.0.1", "-p", Integer.toString(port), "-js",
                    "-sd", storage.resolve("jetstream").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run nats-server (is it installed?)", e);
        }
        Instant deadline = Instant.now().plus(START_WAIT);
        while (!ready(log)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("nats-server did not start on port " + port + ", see " + log);
            }
            pause();
        }
    }

    /** Stops the server the way an operator would (SIGTERM), waiting until it is gone. */
    void stop() {
        if (process == null) {
            return;
        }
        Processes.stop(process);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean ready(Path log) {
        try {
            return Files.exists(log) && Files.readString(log).contains("Server is ready");
        } catch (IOException e) {
            return false;
        }
    }

    @SuppressWarnings("try")
    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
