package dev.atmo.server;

import dev.atmo.AtmoException;
import dev.atmo.admin.Activity;
import dev.atmo.bundle.Bundle;
import dev.atmo.bundle.RunnableModuleSource;
import dev.atmo.directive.Directive;
import dev.atmo.directive.Problem;
import dev.atmo.directive.RunnableDecl;
import dev.atmo.metrics.AtmoMetrics;
import dev.atmo.reply.Replies;
import dev.atmo.request.HeaderNames;
import dev.atmo.request.RequestLog;
import dev.atmo.sequence.RunnableIdentity;
import dev.atmo.sequence.StepCall;
import dev.atmo.sequence.StepFailure;
import dev.atmo.sequence.StepRunner;
import dev.atmo.trace.TraceScope;
import dev.atmo.trace.TraceSpan;
import dev.atmo.trace.Tracing;
import dev.atmo.wasm.EngineMode;
import dev.atmo.wasm.GuestThreads;
import dev.atmo.wasm.Limits;
import dev.atmo.wasm.ModuleOptions;
import dev.atmo.wasm.Outcome;
import dev.atmo.wasm.WasmRunnable;
import dev.atmo.wasm.abi.AbiVersion;
import dev.atmo.wasm.cache.ModuleCache;
import dev.atmo.wasm.error.InvocationTimeoutException;
import dev.atmo.wasm.error.ModuleLoadException;
import dev.atmo.wasm.error.PoolBusyException;
import dev.atmo.wasm.error.WasmException;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.GuestRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Every Runnable of a bundle, loaded and compiled (in parallel), keyed by FQFN; runs steps by resolving the
 * step's {@code fn} reference against the Directive.
 */
public final class LoadedRunnables implements StepRunner, AutoCloseable {
    private static final int MAX_REMEMBERED = 4096;
    private final Directive directive;
    private final Map<String, WasmRunnable> byFqfn;
    private final Map<WasmRunnable, String> fqfnOf = new HashMap<>();
    private final Map<String, Optional<WasmRunnable>> resolved = new ConcurrentHashMap<>();
    private final Map<String, Optional<RunnableIdentity>> identities = new ConcurrentHashMap<>();
    private final Capabilities capabilities;
    private final AtmoMetrics metrics;
    private final Activity activity;
    private final GuestThreads guests;
    private final Tracing tracing;

    private LoadedRunnables(Directive directive, Map<String, WasmRunnable> byFqfn, Capabilities capabilities,
                            AtmoMetrics metrics, Activity activity, GuestThreads guests, Tracing tracing) {
        this.directive = directive;
        this.byFqfn = byFqfn;
        this.capabilities = capabilities;
        this.metrics = metrics;
        this.activity = activity;
        this.guests = guests;
        byFqfn.forEach((fqfn, runnable) -> fqfnOf.put(runnable, fqfn));
        this.tracing = tracing;
    }

    /** Makes the metrics measure these Runnables' pools, in place of those of the bundle served before. */
    void measurePools() {
        metrics.forgetPoolsExcept(byFqfn.keySet());
        byFqfn.forEach((fqfn, runnable) -> metrics.pool(fqfn, runnable.pool()));
    }

    /**
     * Loads every module of the bundle, on platform threads: a module's start-up code is guest code, which must not
     * hold a virtual thread's carrier (it runs under the deadline, see {@link Limits#deadline()}). An interrupt
     * (a stop during a reload) abandons the load at once and stops the start-up code still running.
     *
     * @param activity where the Runnables' errors are kept for the admin page
     * @param guests   the threads the loaded Runnables' jobs run on
     * @param tracing  where each invocation's span goes
     * @throws dev.atmo.bundle.BundleException naming each module that failed to load, at its file
     */
    public static LoadedRunnables load(Bundle bundle, EngineMode mode, Limits limits, Optional<AbiVersion> abi,
                                       Optional<ModuleCache> cache, Capabilities capabilities, AtmoMetrics metrics,
                                       Activity activity, GuestThreads guests, Tracing tracing) {
        Directive directive = bundle.directive();
        Map<String, WasmRunnable> loaded = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        int loaders = Math.max(1, Math.min(bundle.modules().size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService executor = Executors.newFixedThreadPool(loaders,
                Thread.ofPlatform().daemon().name("atmo-load-", 1).factory());
        try {
            Map<String, Future<WasmRunnable>> pending = new LinkedHashMap<>();
            for (Map.Entry<String, RunnableModuleSource> e : bundle.modules().entrySet()) {
                RunnableModuleSource source = e.getValue();
                RunnableDecl decl = source.runnable();
                ModuleOptions options = new ModuleOptions(decl.name(), source.entryName(),
                        AbiSelection.choose(directive, decl, abi), mode, limits, cache);
                pending.put(e.getKey(), executor.submit(() ->
                        WasmRunnable.load(source.wasm(), options, capabilities.log())));
            }
            for (Map.Entry<String, Future<WasmRunnable>> e : pending.entrySet()) {
                try {
                    loaded.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    RunnableModuleSource source = bundle.modules().get(e.getKey());
                    problems.add(ex.getCause() instanceof ModuleLoadException failed
                            ? BundleCheck.problem(source, failed)
                            : new Problem(source.mark(), String.valueOf(ex.getCause().getMessage())));
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            loaded.values().forEach(WasmRunnable::close);
            Thread.currentThread().interrupt();
            throw new AtmoException("interrupted while loading Runnables", e);
        } finally {
            executor.shutdown();
        }
        if (!problems.isEmpty()) {
            loaded.values().forEach(WasmRunnable::close);
            BundleCheck.requireNone(bundle, problems);
        }
        return new LoadedRunnables(directive, Map.copyOf(loaded), capabilities, metrics, activity, guests, tracing);
    }

    /** The Runnable a step's {@code fn} names; a reference that resolves is remembered (up to a bound). */
    public Optional<WasmRunnable> find(String reference) {
        return remembered(resolved, reference, r -> byFqfn.get(directive.fqfnOf(r).toString()));
    }

    /** The name and FQFN a step's {@code fn} names, for its span; remembered like {@link #find}. */
    @Override
    public Optional<RunnableIdentity> identify(String fn) {
        return remembered(identities, fn, r -> new RunnableIdentity(r.name(), directive.fqfnOf(r).toString()));
    }

    /** What a reference resolves to, looked up once and then remembered (up to a bound) when it resolves. */
    private <T> Optional<T> remembered(Map<String, Optional<T>> known, String reference,
                                       Function<RunnableDecl, T> what) {
        Optional<T> seen = known.get(reference);
        if (seen != null) {
            return seen;
        }
        Optional<T> found = directive.resolve(reference).map(what);
        if (found.isPresent() && known.size() < MAX_REMEMBERED) {
            known.put(reference, found);
        }
        return found;
    }

    public Map<String, WasmRunnable> all() {
        return byFqfn;
    }

    @Override
    public Outcome run(StepCall call) {
        WasmRunnable runnable = find(call.fn()).orElseThrow(() ->
                new StepFailure(500, "failed to execute fn " + call.fn() + ": no such Runnable", null));
        return invoke(runnable, call, false, (request, span) -> Optional.of(guests.invoke(runnable,
                call.request().body(), Optional.of(request), capabilities, call.readySince(),
                onGuestThread(span, request.id()))))
                .orElseThrow();
    }

    /**
     * Carries the request id (for log lines) and the invocation's span to the guest thread, noting how long the job
     * waited for an instance there.
     */
    private UnaryOperator<Runnable> onGuestThread(TraceSpan span, String requestId) {
        if (!span.recording()) {
            return job -> () -> {
                try (RequestLog.Scope logged = RequestLog.enter(requestId)) {
                    job.run();
                }
            };
        }
        long start = System.nanoTime();
        return job -> () -> {
            span.attribute("atmo.instance.wait_ms", (System.nanoTime() - start) / 1e6);
            try (RequestLog.Scope logged = RequestLog.enter(requestId); TraceScope scope = span.enter()) {
                job.run();
            }
        };
    }

    @Override
    public boolean mayTryQuick(String fn) {
        return find(fn).filter(WasmRunnable::quickAllowed).isPresent();
    }

    @Override
    public Optional<Outcome> tryQuick(StepCall call) {
        // checked before the guest request is built: a job that will not run in place is prepared once, on its thread
        Optional<WasmRunnable> found = find(call.fn()).filter(WasmRunnable::quickAllowed);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WasmRunnable runnable = found.get();
        return invoke(runnable, call, true, (request, span) ->
                runnable.tryQuick(call.request().body(), Optional.of(request), capabilities));
    }

    /**
     * Runs a step one way or the other with its request view, metrics, span and failure mapping; empty if not run,
     * and then no span is exported.
     */
    private Optional<Outcome> invoke(WasmRunnable runnable, StepCall call, boolean quick,
                                     BiFunction<GuestRequest, TraceSpan, Optional<Outcome>> how) {
        var job = call.request();
        GuestRequest request = GuestRequest.builder().from(job.fields())
                .headers(headersFor(runnable.abi(), job.headers()))
                .state(call.state())
                .build();
        long start = System.nanoTime();
        TraceSpan span = invocationSpan(runnable, quick);
        String outcome = "trap";
        boolean ran = true;
        try (TraceScope scope = span.enter()) {
            Optional<Outcome> result = how.apply(request, span);
            ran = result.isPresent();
            if (result.isPresent() && result.get() instanceof Outcome.Failure failure) {
                outcome = "error";
                failed(runnable, job.id(), "error " + failure.error().code() + ": " + failure.error().message());
                span.error(failure.error().message());
            } else {
                outcome = "success";
            }
            return result;
        } catch (WasmException e) {
            outcome = switch (e) {
                case InvocationTimeoutException timeout -> "timeout";
                case PoolBusyException busy -> "busy";
                default -> "trap";
            };
            throw failed(runnable, job.id(), failure(call, e, span));
        } finally {
            if (ran) {
                metrics.invocation(runnable.name(), outcome, Duration.ofNanos(System.nanoTime() - start));
                span.attribute("atmo.invocation.outcome", outcome);
                span.end();
            }
        }
    }

    private void failed(WasmRunnable runnable, String requestId, String message) {
        activity.runnableFailed(fqfnOf.getOrDefault(runnable, runnable.name()), requestId, message);
    }

    private StepFailure failed(WasmRunnable runnable, String requestId, StepFailure failure) {
        failed(runnable, requestId, failure.getMessage());
        return failure;
    }

    private TraceSpan invocationSpan(WasmRunnable runnable, boolean quick) {
        if (!tracing.enabled()) {
            return TraceSpan.none();
        }
        return tracing.internal("invoke " + runnable.name()).attribute("atmo.runnable", runnable.name())
                .attribute("atmo.abi", runnable.abi().name()).attribute("atmo.invocation.quick", quick);
    }

    private static StepFailure failure(StepCall call, WasmException e, TraceSpan span) {
        span.error(e.getMessage());
        return new StepFailure(Replies.status(e), "failed to execute fn " + call.fn() + ": " + e.getMessage(), e);
    }

    /** ABI A sees Go-canonical header names, ABI B lower-cased ones. */
    private static Map<String, String> headersFor(AbiVersion abi, Map<String, String> headers) {
        Function<String, String> spelling = switch (abi.headerSpelling()) {
            case CANONICAL -> HeaderNames::canonical;
            case LOWER_CASE -> HeaderNames::lower;
        };
        boolean spelled = true;
        for (String name : headers.keySet()) {
            // identity on purpose: both spellings return the very same string when it needs no change
            spelled &= spelling.apply(name) == name;
        }
        if (spelled) {
            return headers;
        }
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.putIfAbsent(spelling.apply(k), v));
        return out;
    }

    @Override
    public void close() {
        byFqfn.values().forEach(WasmRunnable::close);
    }
}
