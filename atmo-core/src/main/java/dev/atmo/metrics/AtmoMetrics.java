package dev.atmo.metrics;

import dev.atmo.wasm.InstancePool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * Everything Atmo measures, in one Prometheus registry: HTTP requests by route and status with latency
 * histograms, Runnable invocations by outcome, instance pools, stream messages, outbound calls and the cache.
 */
public final class AtmoMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void request(String method, String route, int status, Duration duration) {
        Timer.builder("atmo.http.requests").description("HTTP requests served by handlers")
                .tag("method", method).tag("route", route).tag("status", String.valueOf(status))
                .publishPercentileHistogram().register(registry).record(duration);
    }

    /** {@code outcome} is one of success, error (the Runnable's own), trap, timeout, busy. */
    public void invocation(String runnable, String outcome, Duration duration) {
        Timer.builder("atmo.runnable.invocations").description("Runnable invocations")
                .tag("runnable", runnable).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry).record(duration);
    }

    public void pool(String runnable, InstancePool pool) {
        Gauge.builder("atmo.pool.instances", pool, InstancePool::size).tag("runnable", runnable)
                .description("instances that exist").register(registry);
        Gauge.builder("atmo.pool.in.use", pool, InstancePool::inUse).tag("runnable", runnable)
                .description("instances running an invocation").register(registry);
        Gauge.builder("atmo.pool.waits", pool, InstancePool::waitCount).tag("runnable", runnable)
                .description("callers that had to wait for an instance").register(registry);
        Gauge.builder("atmo.pool.discarded", pool, InstancePool::discardedCount).tag("runnable", runnable)
                .description("instances dropped after a trap or timeout").register(registry);
    }

    /** {@code direction} is in, out or redelivered. */
    public void streamMessage(String source, String subject, String direction) {
        Counter.builder("atmo.stream.messages").tag("source", source).tag("subject", subject)
                .tag("direction", direction).register(registry).increment();
    }

    public void outbound(String host, String status) {
        Counter.builder("atmo.outbound.calls").description("outbound HTTP and GraphQL calls by Runnables")
                .tag("host", host).tag("status", status).register(registry).increment();
    }

    public void cache(boolean hit) {
        Counter.builder("atmo.cache.lookups").tag("result", hit ? "hit" : "miss").register(registry).increment();
    }
}
