package dev.atmo.bundle;

import dev.atmo.directive.Directive;
import dev.atmo.directive.Problem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated application ready to run: its Directive, the Wasm module of every Runnable (keyed by the
 * Runnable's canonical FQFN, in Directive order), its static files, and warnings worth showing an operator.
 */
public record Bundle(String source, Directive directive, Map<String, RunnableModuleSource> modules,
        StaticFiles staticFiles, List<Problem> warnings) {

    public Bundle {
        modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
        staticFiles = Objects.requireNonNullElse(staticFiles, StaticFiles.empty());
        warnings = List.copyOf(warnings);
    }

    /** The module of the Runnable a reference ({@code hello}, {@code ns::hello}, an FQFN) resolves to. */
    public Optional<RunnableModuleSource> module(String reference) {
        return directive.resolve(reference).map(r -> modules.get(directive.fqfnOf(r).toString()));
    }
}
