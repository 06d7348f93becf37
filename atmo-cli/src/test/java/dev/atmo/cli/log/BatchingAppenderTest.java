package dev.atmo.cli.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchingAppenderTest {
    private static final Duration NEVER = Duration.ofHours(1);
    private final LoggerContext context = new LoggerContext();
    private final Logger log = context.getLogger("test");
    private BatchingAppender appender;

    @AfterEach
    void stop() {
        if (appender != null) {
            appender.stop();
        }
        context.stop();
    }

    @Test
    void infoLinesWaitForTheFlushAndArriveInOneWriteInOrder() {
        RecordingStream out = new RecordingStream();
        attach(BatchingAppender.toStream(encoder(), out, NEVER));

        log.info("first");
        log.info("second");
        log.info("third");
        assertThat(out.writes).isEmpty();

        appender.flush();
        assertThat(out.writes).containsExactly("INFO first\nINFO second\nINFO third\n");
        appender.flush();
        assertThat(out.writes).hasSize(1);
    }

    @Test
    void aWarningIsWrittenAtOnceTogetherWithTheLinesBeforeIt() {
        RecordingStream out = new RecordingStream();
        attach(BatchingAppender.toStream(encoder(), out, NEVER));

        log.info("request");
        log.warn("trouble");
        assertThat(out.writes).containsExactly("INFO request\nWARN trouble\n");
        log.error("worse");
        assertThat(out.writes).containsExactly("INFO request\nWARN trouble\n", "ERROR worse\n");
    }

    @Test
    void aFullBufferIsWrittenBeforeTheLineThatDoesNotFitAndAHugeLineIsWrittenWhole() {
        RecordingStream out = new RecordingStream();
        attach(BatchingAppender.toStream(encoder(), out, NEVER));
        String line = "x".repeat(1000);
        int fitting = BatchingAppender.BUFFER_BYTES / "INFO \n".concat(line).length();

        for (int i = 0; i <= fitting; i++) {
            log.info(line);
        }
        assertThat(out.writes).hasSize(1);
        assertThat(out.writes.get(0)).hasSize(fitting * (line.length() + 6));

        String huge = "y".repeat(BatchingAppender.BUFFER_BYTES * 2);
        log.info(huge);
        assertThat(out.writes).hasSize(3);
        assertThat(out.writes.get(1)).isEqualTo("INFO " + line + "\n");
        assertThat(out.writes.get(2)).isEqualTo("INFO " + huge + "\n");
    }

    @Test
    void pendingLinesAreWrittenByTheFlushIntervalWithoutAnyCall() throws InterruptedException {
        RecordingStream out = new RecordingStream();
        attach(BatchingAppender.toStream(encoder(), out, Duration.ofMillis(20)));

        log.info("later");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (out.writes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(out.writes).containsExactly("INFO later\n");
    }

    @Test
    void stoppingWritesWhatIsPendingAndClosesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("atmo.log");
        Files.writeString(file, "kept\n");
        attach(BatchingAppender.toFile(encoder(), file, NEVER));

        log.info("appended");
        appender.stop();

        assertThat(Files.readString(file)).isEqualTo("kept\nINFO appended\n");
    }

    @Test
    void aLogFileThatCannotBeOpenedIsAClearError(@TempDir Path dir) {
        Path file = dir.resolve("missing-dir").resolve("atmo.log");

        assertThatThrownBy(() -> BatchingAppender.toFile(encoder(), file, NEVER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot open log file " + file);
    }

    @Test
    void aFailingDestinationIsReportedOnceAndLoggingGoesOn() {
        RecordingStream out = new RecordingStream();
        out.failing.set(true);
        attach(BatchingAppender.toStream(encoder(), out, NEVER));

        log.warn("lost one");
        log.warn("lost two");
        out.failing.set(false);
        log.warn("kept");

        assertThat(out.writes).containsExactly("WARN kept\n");
        List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getMessage()).contains("writing log lines failed");
    }

    private void attach(BatchingAppender batching) {
        appender = batching;
        appender.setContext(context);
        appender.setName("test");
        appender.start();
        log.setLevel(Level.INFO);
        log.setAdditive(false);
        log.addAppender(appender);
    }

    private PatternLayoutEncoder encoder() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.start();
        return encoder;
    }

    /** Records every write separately; flushes are not writes. */
    private static final class RecordingStream extends OutputStream {
        final List<String> writes = new CopyOnWriteArrayList<>();
        final AtomicBoolean failing = new AtomicBoolean();

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (failing.get()) {
                throw new IOException("disk full");
            }
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
        }
    }
}
