package dev.atmo.wasm.abi;

import dev.atmo.wasm.host.GuestLog;
import dev.atmo.wasm.host.LogLevel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link GuestLog} that keeps every line it is given. */
final class RecordingLog implements GuestLog {
    record Line(LogLevel level, String runnable, String requestId, int ident, String message) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    @Override
    public void log(LogLevel level, String runnable, String requestId, int ident, String message) {
        lines.add(new Line(level, runnable, requestId, ident, message));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }
}
