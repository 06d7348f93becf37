package dev.atmo.wasm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the operating-system priority of guest threads, so that the event loops, health probes and metrics
 * get a processor first when every core runs guest code.
 *
 * <p>Java thread priorities do nothing on Linux, so each guest thread names its kernel thread id (from
 * {@code /proc/thread-self}) when it starts and a background thread gives those ids a higher niceness with
 * {@code renice}, a few at a time. The guest thread does not wait for it. Where {@code /proc/thread-self} or
 * {@code renice} is missing (not Linux, a minimal image), guest threads keep the process's priority and one
 * warning says so.
 */
public final class GuestNiceness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuestNiceness.class);
    /** The highest niceness Linux knows: the lowest priority. */
    public static final int MAX = 19;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private final int niceness;
    private final BlockingQueue<Long> pending = new LinkedBlockingQueue<>();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Optional<Thread> renicer;

    private GuestNiceness(int niceness) {
        this.niceness = niceness;
        this.renicer = niceness == 0 ? Optional.empty()
                : Optional.of(Thread.ofPlatform().daemon().name("atmo-guest-niceness").start(this::reniceLoop));
    }

    /**
     * @param niceness how much nicer than the process guest threads run, 0 (same priority) to 19
     * @throws IllegalArgumentException outside that range
     */
    public static GuestNiceness of(int niceness) {
        if (niceness < 0 || niceness > MAX) {
            throw new IllegalArgumentException("guest niceness must be between 0 and " + MAX + ", got " + niceness);
        }
        return new GuestNiceness(niceness);
    }

    public int niceness() {
        return niceness;
    }

    /** Called by a guest thread as it starts: asks for its own priority to be lowered, without waiting. */
    public void applyToCurrentThread() {
        if (niceness == 0) {
            return;
        }
        try {
            pending.add(Long.parseLong(Files.readSymbolicLink(THREAD_SELF).getFileName().toString()));
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            warnOnce("cannot find the kernel id of guest threads (" + e.getMessage() + ")");
        }
    }

    /** The niceness of the calling thread as the kernel sees it. */
    public static int currentThreadNiceness() throws IOException {
        return niceness(THREAD_SELF.resolve("stat"));
    }

    private static int niceness(Path stat) throws IOException {
        String text = Files.readString(stat, StandardCharsets.US_ASCII);
        // the fields after the command name (which may hold spaces) start with the state, field 3; nice is 19
        return Integer.parseInt(text.substring(text.lastIndexOf(')') + 2).split(" ")[16]);
    }

    private void reniceLoop() {
        int target = Math.min(MAX, processNiceness() + niceness);
        try {
            while (true) {
                List<Long> ids = new ArrayList<>();
                ids.add(pending.take());
                pending.drainTo(ids);
                renice(target, ids);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void renice(int target, List<Long> ids) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(target), "-p"));
        ids.forEach(id -> command.add(Long.toString(id)));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                warnOnce("renice did not finish within 10 s");
            } else if (process.exitValue() != 0 && !onlyEndedThreads(output)) {
                warnOnce("renice exited with " + process.exitValue() + ": " + output);
            }
        } catch (IOException e) {
            warnOnce("cannot run renice (" + e.getMessage() + ")");
        }
    }

    /** True when renice failed only for threads that ended before it ran. */
    private static boolean onlyEndedThreads(String output) {
        return output.lines().allMatch(line -> line.isBlank() || line.endsWith("No such process")
                || !line.startsWith("renice:"));
    }

    private static int processNiceness() {
        try {
            return niceness(Path.of("/proc/self/stat"));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void warnOnce(String why) {
        if (warned.compareAndSet(false, true)) {
            LOG.warn("guest threads keep the server's priority: {}; health probes may be slow while every"
                    + " processor runs guest code", why);
        }
    }

    @Override
    public void close() {
        renicer.ifPresent(Thread::interrupt);
    }
}
