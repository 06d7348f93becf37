package dev.atmo.testing;

import java.util.concurrent.TimeUnit;

/** Stopping the servers tests start as processes (nats-server, redis-server) the way an operator would. */
public final class Processes {
    private Processes() {
    }

    /** SIGTERM, then waits up to 10 s before killing; returns once the process is gone. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
