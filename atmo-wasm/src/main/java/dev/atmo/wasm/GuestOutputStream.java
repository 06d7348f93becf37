package dev.atmo.wasm;

import dev.atmo.wasm.host.GuestLog;
import dev.atmo.wasm.host.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Collects a guest's WASI stdout or stderr into lines and hands each to the guest log. */
final class GuestOutputStream extends OutputStream {
    private static final int MAX_LINE = 8192;
    private final GuestLog log;
    private final LogLevel level;
    private final String runnable;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    GuestOutputStream(GuestLog log, LogLevel level, String runnable) {
        this.log = log;
        this.level = level;
        this.runnable = runnable;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n' || line.size() >= MAX_LINE) {
            flushLine();
            if (b == '\n') {
                return;
            }
        }
        line.write(b);
    }

    @Override
    public synchronized void flush() {
        flushLine();
    }

    private void flushLine() {
        if (line.size() > 0) {
            log.log(level, runnable, "", 0, line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
