package dev.atmo.wasm;

/** Something that interrupts an invocation's thread when time is up: a deadline or a quick-run budget. */
interface Alarm {
    /** Disarms and reports whether the alarm fired; clears the interrupt it may have caused. */
    boolean disarm();
}
