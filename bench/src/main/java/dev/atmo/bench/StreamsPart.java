package dev.atmo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static dev.atmo.bench.Format.lastLine;
import static dev.atmo.bench.Format.orAll;

/** Streams: a NATS stream handler against a bare jnats subscriber. */
final class StreamsPart extends Part {
    StreamsPart(Run run) {
        super(run);
    }

    @Override
    String name() {
        return "streams";
    }

    @Override
    void run() throws IOException {
        StringBuilder s = new StringBuilder("## Streams: NATS stream handler vs bare jnats subscriber\n\n");
        String missing = streamsMissing();
        if (missing != null) {
            s.append("Not available: ").append(missing).append(".\n\n");
            section(s);
            unavailable("NATS stream handler ≥ 0.85 × bare jnats echo");
            return;
        }
        int messages = full ? 300_000 : 50_000;
        int window = 64;
        int samples = full ? 10_000 : 2_000;
        // the current build, then each baseline jar (BENCH_BASELINE_JAR) with its default options, each on its own
        // subject and port
        List<String> names = new ArrayList<>(List.of("atmo stream handler (hello Runnable)"));
        List<Path> jars = new ArrayList<>(List.of(atmoJar));
        List<List<String>> options = new ArrayList<>(List.of(List.of()));
        for (Baseline baseline : Baseline.fromEnvironment()) {
            if (!baseline.options().isEmpty()) {
                continue;
            }
            names.add("atmo " + baseline.name());
            jars.add(baseline.jar());
            options.add(baseline.options());
        }
        List<String> subjects = new ArrayList<>();
        List<Process> servers = new ArrayList<>();
        String bareSubject = "bench.bare." + Long.toHexString(System.nanoTime());
        int rounds = full ? 3 : 1;
        List<List<JsonNode>> atmoRuns = new ArrayList<>();
        List<JsonNode> bareRuns = new ArrayList<>();
        Process bare = null;
        try {
            for (int i = 0; i < names.size(); i++) {
                String subject = "bench.atmo" + i + "." + Long.toHexString(System.nanoTime());
                subjects.add(subject);
                int port = Procs.freePort();
                servers.add(startServer("streams-atmo-" + i,
                        withPort(atmo(jars.get(i), bundle(subject), options.get(i)), port), port, "/hello"));
                atmoRuns.add(new ArrayList<>());
            }
            bare = Procs.start(javaCommand("dev.atmo.bench.BareNatsEcho", natsUrl, bareSubject, "bench-bare"),
                    serverCpus, logs.resolve("streams-bare.log"));
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < names.size(); i++) {
                    atmoRuns.get(i).add(natsLoad(subjects.get(i), messages, window, samples));
                }
                bareRuns.add(natsLoad(bareSubject, messages, window, samples));
            }
        } finally {
            servers.forEach(Procs::stop);
            Procs.stop(bare);
        }
        JsonNode plain = medianBy(bareRuns, "msgsPerSec");
        List<JsonNode> atmoMedians = atmoRuns.stream().map(runs -> medianBy(runs, "msgsPerSec")).toList();
        double ratio = atmoMedians.get(0).get("msgsPerSec").asDouble() / plain.get("msgsPerSec").asDouble();
        s.append(String.format(Locale.ROOT, "NATS at %s (not pinned); the service pinned to CPU %s, the load generator "
                + "(`NatsLoad`, jnats) to CPU %s. Rate: %d messages of 16 bytes with up to %d in flight, each answered on "
                + "its reply subject, after %d s of warm-up at that rate; latency: %d request-reply round trips one at a "
                + "time; both "
                + "services subscribed side by side and measured alternately, %d round%s, median round by rate. "
                + "Latencies in µs.%n%n", natsUrl, orAll(serverCpus), orAll(loadCpus), messages, window,
                full ? 30 : 10, samples, rounds, rounds == 1 ? "" : "s"));
        s.append("| service | messages/s | ratio | p50 | p99 | p99.9 | error replies |\n|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < names.size(); i++) {
            JsonNode run = atmoMedians.get(i);
            s.append(natsRow(names.get(i), run, run.get("msgsPerSec").asDouble() / plain.get("msgsPerSec").asDouble()));
        }
        s.append(natsRow("BareNatsEcho", plain, 1));
        s.append("\n");
        section(s);
        target("NATS stream handler ≥ 0.85 × bare jnats echo", String.format(Locale.ROOT, "%.2f", ratio), ratio >= 0.85);
    }

    /** A bundle with the hello Runnable behind {@code POST /hello} and a NATS stream handler on {@code subject}. */
    private Path bundle(String subject) throws IOException {
        Path bundle = Files.createTempDirectory("atmo-bench-streams");
        runnable(bundle, "hello", root.resolve("examples/hello/hello/hello.wasm"));
        Files.writeString(bundle.resolve("Directive.yaml"), """
                identifier: com.atmo.bench.streams
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                connections:
                  nats:
                    serverAddress: %s
                handlers:
                  - type: request
                    method: POST
                    resource: /hello
                    steps:
                      - fn: hello
                  - type: stream
                    source: nats
                    resource: %s
                    steps:
                      - fn: hello
                """.formatted(natsUrl, subject));
        return bundle;
    }

    private static JsonNode medianBy(List<JsonNode> runs, String field) {
        List<JsonNode> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(r -> r.get(field).asDouble()));
        return sorted.get(sorted.size() / 2);
    }

    private String streamsMissing() {
        try {
            Class.forName("dev.atmo.stream.NatsStreams");
        } catch (ClassNotFoundException e) {
            return "this build has no NATS stream handlers (dev.atmo.stream.NatsStreams)";
        }
        URI uri = URI.create(natsUrl);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 4222 : uri.getPort()), 1000);
        } catch (IOException e) {
            return "no NATS server answers at " + natsUrl + " (start nats-server or set NATS_URL)";
        }
        return null;
    }

    private JsonNode natsLoad(String subject, int messages, int window, int samples) throws IOException {
        String text = Procs.run(javaCommand("dev.atmo.bench.NatsLoad", natsUrl, subject, Integer.toString(messages),
                Integer.toString(window), "16", Integer.toString(samples), Integer.toString(full ? 30 : 10)), loadCpus,
                logs.resolve("streams-load.log"), 600);
        JsonNode result = JSON.readTree(lastLine(text));
        say("   " + subject + " " + result);
        return result;
    }

    private static String natsRow(String name, JsonNode r, double ratio) {
        return String.format(Locale.ROOT, "| %s | %.0f | %s | %.0f | %.0f | %.0f | %d |%n", name,
                r.get("msgsPerSec").asDouble(), ratio == 1 ? "1" : String.format(Locale.ROOT, "**%.2f**", ratio),
                r.get("p50us").asDouble(), r.get("p99us").asDouble(), r.get("p999us").asDouble(),
                r.path("errors").asLong());
    }
}
