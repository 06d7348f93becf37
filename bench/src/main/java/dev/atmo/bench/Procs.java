package dev.atmo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starting, pinning, probing and stopping the processes a benchmark runs. */
final class Procs {
    /** Every process started, stopped when the suite exits however it exits. */
    private static final java.util.Set<Process> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        })));
    }

    private Procs() {
    }

    /**
     * Starts {@code command}, pinned to {@code cpus} when given, its output going to {@code log}, or discarded when
     * {@code log} is null (a server under load logs every request).
     */
    static Process start(List<String> command, String cpus, Path log) {
        List<String> full = new ArrayList<>();
        if (cpus != null && !cpus.isEmpty()) {
            full.addAll(List.of("taskset", "-c", cpus));
        }
        full.addAll(command);
        try {
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
            if (log == null) {
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            } else {
                Files.createDirectories(log.getParent());
                builder.redirectOutput(log.toFile());
            }
            Process process = builder.start();
            STARTED.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + full, e);
        }
    }

    /** Runs a command to completion and returns its standard output (standard error goes to the log). */
    static String run(List<String> command, String cpus, Path log, long timeoutSeconds) {
        return run(command, cpus, log, timeoutSeconds, java.util.Map.of());
    }

    static String run(List<String> command, String cpus, Path log, long timeoutSeconds,
                      java.util.Map<String, String> env) {
        List<String> full = new ArrayList<>();
        if (cpus != null && !cpus.isEmpty()) {
            full.addAll(List.of("taskset", "-c", cpus));
        }
        full.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            Process p = builder.start();
            STARTED.add(p);
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + full);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            Files.writeString(log, "$ " + String.join(" ", full) + "\n" + text + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + full + " (see " + log + ")");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, then SIGKILL after ten seconds. */
    static void stop(Process p) {
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One HTTP/1.1 POST on a fresh connection; the status code, or -1 when the connection failed.
     * The body of the answer is returned through {@code answer} when it is not null.
     */
    static int post(int port, String path, byte[] body, StringBuilder answer) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 ")) {
                return -1;
            }
            if (answer != null) {
                int split = text.indexOf("\r\n\r\n");
                answer.append(split < 0 ? "" : text.substring(split + 4));
            }
            return Integer.parseInt(text.substring(9, 12));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String get(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            return split < 0 ? "" : text.substring(split + 4);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Waits until {@code POST path} answers 200, polling every millisecond; the milliseconds from
     * {@code startNanos}, or -1 when the process died or the wait ran out.
     */
    static double awaitFirstResponse(Process p, long startNanos, int port, String path, long timeoutSeconds) {
        long deadline = startNanos + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        byte[] body = "world".getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() < deadline) {
            if (post(port, path, body, null) == 200) {
                return (System.nanoTime() - startNanos) / 1e6;
            }
            if (!p.isAlive()) {
                return -1;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    /**
     * CPU use of a process so far: {user ticks, system ticks} (clock ticks of 10 ms, from /proc/pid/stat) and
     * the voluntary context switches of all its threads.
     */
    static long[] cpu(long pid) {
        long[] out = new long[3];
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            out[0] = Long.parseLong(f[11]);
            out[1] = Long.parseLong(f[12]);
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:")) {
                                out[2] += Long.parseLong(line.replaceAll("[^0-9]", ""));
                            }
                        }
                    } catch (IOException e) {
                        // the thread ended meanwhile
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    /** Resident set size in MiB from /proc, or -1. */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
