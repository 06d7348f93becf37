package dev.atmo.capability;

import dev.atmo.testing.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A {@code redis-server} of the test's own, without persistence, on a free loopback port; it can be stopped and restarted. */
final class RedisProcess implements AutoCloseable {
    private final int port;
    private Process process;

    private RedisProcess(int port) {
        this.port = port;
    }

    static RedisProcess start() {
        RedisProcess redis = new RedisProcess(freePort());
        redis.startAgain();
        return redis;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** Starts the server on the same port and waits until it answers {@code PING}. */
    void startAgain() {
        try {
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > until) {
                throw new IllegalStateException("redis-server on port " + port + " did not start");
            }
            sleep(20);
        }
    }

    /** Stops the server and waits until it has exited. */
    void stop() {
        if (process == null) {
            return;
        }
        Processes.stop(process);
        process = null;
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
