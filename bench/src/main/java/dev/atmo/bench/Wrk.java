package dev.atmo.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs wrk with {@code bench/wrk/post.lua} and reads its summary line. */
final class Wrk {
    /** One wrk run: request rate, latency percentiles in microseconds, socket and status errors. */
    record Result(double rps, double p50, double p90, double p99, double p999, double mean, long requests, long errors) {
    }

    private final Path script;
    private final String cpus;
    private final int threads;
    private final Path log;

    Wrk(Path script, String cpus, int threads, Path log) {
        this.script = script;
        this.cpus = cpus;
        this.threads = threads;
        this.log = log;
    }

    Result run(int port, String path, int connections, int seconds, int bodyBytes, Path bodyFile) {
        Map<String, String> env = new HashMap<>();
        env.put("WRK_BODY_BYTES", Integer.toString(bodyBytes));
        if (bodyFile != null) {
            env.put("WRK_BODY_FILE", bodyFile.toString());
            env.put("WRK_CONTENT_TYPE", "application/json");
        }
        int t = Math.max(1, Math.min(threads, connections));
        String out = Procs.run(List.of("wrk", "-t" + t, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), "http://127.0.0.1:" + port + path), cpus, log, seconds + 60L, env);
        for (String line : out.split("\n")) {
            if (line.startsWith("BENCH ")) {
                Map<String, String> kv = new HashMap<>();
                for (String part : line.substring(6).trim().split(" ")) {
                    int eq = part.indexOf('=');
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
                long requests = Long.parseLong(kv.get("requests"));
                double duration = Double.parseDouble(kv.get("duration_us")) / 1e6;
                long errors = Long.parseLong(kv.get("connect")) + Long.parseLong(kv.get("read"))
                        + Long.parseLong(kv.get("write")) + Long.parseLong(kv.get("timeout"))
                        + Long.parseLong(kv.get("status"));
                return new Result(requests / duration, d(kv, "p50"), d(kv, "p90"), d(kv, "p99"), d(kv, "p999"),
                        d(kv, "mean"), requests, errors);
            }
        }
        throw new IllegalStateException("wrk printed no summary: " + out);
    }

    private static double d(Map<String, String> kv, String key) {
        return Double.parseDouble(kv.get(key));
    }
}
