package dev.atmo.metrics;

import dev.atmo.wasm.GuestThreads;
import dev.atmo.wasm.InstancePool;
import dev.atmo.trace.Tracing;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Everything Atmo measures, in one Prometheus registry: HTTP requests by route and status with latency
 * histograms, Runnable invocations by outcome, instance pools, stream messages, outbound calls and the cache.
 */
public final class AtmoMetrics {
    /** The content type of the OpenMetrics text exposition, the one that carries exemplars. */
    public static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Map<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<InvocationKey, Timer> invocationTimers = new ConcurrentHashMap<>();

    /** Metrics without exemplars. */
    public AtmoMetrics() {
        this(Tracing.off());
    }

    /** Metrics whose histograms take the trace and span current when they record as exemplars, when traces are on. */
    public AtmoMetrics(Tracing tracing) {
        this.registry = tracing.enabled()
                ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM,
                        new TraceExemplars(tracing))
                : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * The exposition in {@code contentType}: {@link #OPEN_METRICS} (which shows exemplars) when it asks for
     * {@code application/openmetrics-text}, the Prometheus text format otherwise.
     */
    public String scrape(String contentType) {
        return contentType.contains("application/openmetrics-text") ? registry.scrape(OPEN_METRICS) : scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void request(String method, String route, int status, Duration duration) {
        requestTimers.computeIfAbsent(new RequestKey(method, route, status), k ->
                Timer.builder("atmo.http.requests").description("HTTP requests served by handlers")
                        .tag("method", k.method()).tag("route", k.route()).tag("status", String.valueOf(k.status()))
                        .publishPercentileHistogram().register(registry)).record(duration);
    }

    /** {@code outcome} is one of success, error (the Runnable's own), trap, timeout, busy. */
    public void invocation(String runnable, String outcome, Duration duration) {
        invocationTimers.computeIfAbsent(new InvocationKey(runnable, outcome), k ->
                Timer.builder("atmo.runnable.invocations").description("Runnable invocations")
                        .tag("runnable", k.runnable()).tag("outcome", k.outcome())
                        .publishPercentileHistogram().register(registry)).record(duration);
    }

    /*
     * The timers recorded on every request, looked up by a plain key instead of being built and registered again
     * each time (which sorts and copies their tags).
     */
    private record RequestKey(String method, String route, int status) {
    }

    private record InvocationKey(String runnable, String outcome) {
    }

    /**
     * Measures the instance pool of one Runnable; a pool registered before under the same name (the bundle was
     * reloaded) is no longer measured.
     */
    public void pool(String runnable, InstancePool pool) {
        for (PoolGauge gauge : POOL_GAUGES) {
            registry.find(gauge.name()).tag("runnable", runnable).meters().forEach(registry::remove);
            Gauge.builder(gauge.name(), pool, gauge.value()).tag("runnable", runnable)
                    .description(gauge.description()).strongReference(true).register(registry);
        }
    }

    /** Stops measuring the pools of Runnables that are gone (the bundle was reloaded without them). */
    public void forgetPoolsExcept(Set<String> runnables) {
        for (PoolGauge gauge : POOL_GAUGES) {
            registry.find(gauge.name()).meters().stream()
                    .filter(meter -> !runnables.contains(meter.getId().getTag("runnable")))
                    .forEach(registry::remove);
        }
    }

    private record PoolGauge(String name, ToDoubleFunction<InstancePool> value, String description) {
    }

    private static final List<PoolGauge> POOL_GAUGES = List.of(
            new PoolGauge("atmo.pool.instances", InstancePool::size, "instances that exist"),
            new PoolGauge("atmo.pool.in.use", InstancePool::inUse, "instances running an invocation"),
            new PoolGauge("atmo.pool.waits", InstancePool::waitCount, "callers that had to wait for an instance"),
            new PoolGauge("atmo.pool.retired", InstancePool::retiredCount, "healthy instances replaced: their memory"
                    + " kept growing towards the cap, or compiled code became ready"),
            new PoolGauge("atmo.pool.discarded", InstancePool::discardedCount,
                    "instances dropped after a trap or timeout"));

    /** The threads guest code runs on: how many run a job and how many jobs wait for one. */
    public void guestThreads(GuestThreads guests) {
        Gauge.builder("atmo.guest.threads.busy", guests, GuestThreads::busy)
                .description("guest threads running a job").register(registry);
        Gauge.builder("atmo.guest.threads.queued", guests, GuestThreads::queued)
                .description("jobs waiting for a guest thread").register(registry);
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

    /** A bundle reload: {@code ok} when the new bundle now serves, false when the current one kept serving. */
    public void reload(boolean ok) {
        Counter.builder("atmo.reloads").description("bundle reloads by result")
                .tag("result", ok ? "ok" : "failed").register(registry).increment();
    }

    /** The counter of one route's requests answered on the event loop, without a hop to another thread. */
    public Counter quickAnswers(String method, String route) {
        return Counter.builder("atmo.http.quick").description("requests answered on the event loop")
                .tag("method", method).tag("route", route).register(registry);
    }

    public void cache(boolean hit) {
        Counter.builder("atmo.cache.lookups").tag("result", hit ? "hit" : "miss").register(registry).increment();
    }
}
