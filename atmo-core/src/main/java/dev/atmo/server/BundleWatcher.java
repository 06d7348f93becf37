package dev.atmo.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a bundle (zip file or directory tree) for changes and calls back once a change has settled.
 * Polling works the same on every file system and sees changes deep inside a directory bundle.
 */
final class BundleWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.reload");
    private final Path bundle;
    private final Duration interval;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean stopped;
    private String seen;

    private BundleWatcher(Path bundle, Duration interval, Runnable onChange) {
        this.bundle = bundle;
        this.interval = interval;
        this.onChange = onChange;
        this.thread = Thread.ofVirtual().name("bundle-watcher").unstarted(this::loop);
    }

    static BundleWatcher start(Path bundle, Duration interval, Runnable onChange) {
        BundleWatcher watcher = new BundleWatcher(bundle, interval, onChange);
        // the first look is taken before returning: a change made right after the start is a change
        watcher.seen = watcher.fingerprint();
        watcher.thread.start();
        LOG.info("watching {} for changes", bundle);
        return watcher;
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(interval);
                String now = fingerprint();
                if (now.equals(seen)) {
                    continue;
                }
                Thread.sleep(interval);
                String settled = fingerprint();
                if (!settled.equals(now)) {
                    continue;
                }
                seen = settled;
                LOG.info("{} changed, reloading", bundle);
                onChange.run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // whatever a bundle does to the reload, the next change must still be picked up
                LOG.warn("watching {} failed: {}", bundle, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    /** Size and modification time of every file, so any edit, addition or removal changes it. */
    private String fingerprint() {
        if (!Files.exists(bundle)) {
            return "absent";
        }
        if (!Files.isDirectory(bundle)) {
            return describe(bundle);
        }
        try (Stream<Path> files = Files.walk(bundle)) {
            StringBuilder out = new StringBuilder();
            files.filter(Files::isRegularFile).sorted().forEach(f -> out.append(describe(f)).append('\n'));
            return out.toString();
        } catch (IOException | UncheckedIOException e) {
            return "unreadable";
        }
    }

    private static String describe(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return file + " " + a.size() + " " + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return file + " unreadable";
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
