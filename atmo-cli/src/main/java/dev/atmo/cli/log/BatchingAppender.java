package dev.atmo.cli.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Writes log lines in batches: lines collect in a buffer and reach their destination in one write when the
 * buffer fills, when a warning or an error is logged, every flush interval, and when the appender stops. A
 * server logging two lines per request would otherwise pay a system call per line.
 *
 * <p>Events are encoded on the logging thread, so a line shows the state at the time it was logged; nothing
 * is deferred but the write.
 */
final class BatchingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final int BUFFER_BYTES = 64 * 1024;
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(100);

    private final Encoder<ILoggingEvent> encoder;
    private final Supplier<OutputStream> destination;
    private final AutoCloseable closer;
    private final Duration interval;
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int used;
    private boolean failed;
    private volatile Thread flusher;

    private BatchingAppender(Encoder<ILoggingEvent> encoder, Supplier<OutputStream> destination, AutoCloseable closer,
                             Duration interval) {
        this.encoder = encoder;
        this.destination = destination;
        this.closer = closer;
        this.interval = interval;
    }

    /** Lines to the current {@link System#out}, looked up at every write. */
    static BatchingAppender toStandardOut(Encoder<ILoggingEvent> encoder, Duration interval) {
        return new BatchingAppender(encoder, () -> System.out, () -> { }, interval);
    }

    /** Lines appended to a file, created if missing. */
    static BatchingAppender toFile(Encoder<ILoggingEvent> encoder, Path file, Duration interval) {
        FileOutputStream out;
        try {
            out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open log file " + file + ": " + e.getMessage(), e);
        }
        return new BatchingAppender(encoder, () -> out, out, interval);
    }

    /** Lines to any stream (tests). */
    static BatchingAppender toStream(Encoder<ILoggingEvent> encoder, OutputStream out, Duration interval) {
        return new BatchingAppender(encoder, () -> out, () -> { }, interval);
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        Thread thread = Thread.ofPlatform().daemon().name("atmo-log-flush").unstarted(this::flushPeriodically);
        flusher = thread;
        super.start();
        thread.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] line = encoder.encode(event);
        boolean urgent = event.getLevel().isGreaterOrEqual(Level.WARN);
        lock.lock();
        try {
            if (used + line.length > buffer.length) {
                drain();
            }
            if (line.length > buffer.length) {
                write(line, line.length);
            } else {
                System.arraycopy(line, 0, buffer, used, line.length);
                used += line.length;
            }
            if (urgent) {
                drain();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes whatever is buffered now. */
    void flush() {
        lock.lock();
        try {
            drain();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        Thread thread = flusher;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
        try {
            closer.close();
        } catch (Exception e) {
            addError("closing the log destination failed", e);
        }
    }

    private void flushPeriodically() {
        long nanos = interval.toNanos();
        while (isStarted() && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(nanos);
            flush();
        }
    }

    private void drain() {
        if (used > 0) {
            write(buffer, used);
            used = 0;
        }
    }

    /** Writes to the destination; a failing destination is reported once and its lines are dropped. */
    private void write(byte[] bytes, int length) {
        try {
            OutputStream out = destination.get();
            out.write(bytes, 0, length);
            out.flush();
            failed = false;
        } catch (IOException e) {
            if (!failed) {
                addError("writing log lines failed; dropping them until writing works again", e);
            }
            failed = true;
        }
    }
}
