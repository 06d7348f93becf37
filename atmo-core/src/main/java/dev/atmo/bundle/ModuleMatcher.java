package dev.atmo.bundle;

import dev.atmo.directive.Directive;
import dev.atmo.directive.Fqfn;
import dev.atmo.directive.Problem;
import dev.atmo.directive.RunnableDecl;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs each module of a bundle with the Runnable it implements. When the Directive lists no Runnables they
 * are derived from the modules (and {@code .runnable.yaml} files). An entry name is first read as a Runnable
 * reference, as Atmo did; then as {@code <namespace>/<name>.wasm}; then, unlike Atmo, a bare
 * {@code <name>.wasm} also finds a Runnable of another namespace when only one has that name.
 */
final class ModuleMatcher {

    record Result(Directive directive, Map<String, RunnableModuleSource> modules, List<Problem> problems) {
    }

    private ModuleMatcher() {
    }

    static Result match(Directive given, BundleContents contents) {
        Directive directive = given.runnables().isEmpty() ? given.withRunnables(derive(contents)) : given;
        List<Problem> problems = new ArrayList<>();
        Map<RunnableDecl, ModuleFile> assigned = new IdentityHashMap<>();
        for (ModuleFile module : contents.modules()) {
            List<RunnableDecl> candidates = candidates(directive, module);
            if (candidates.isEmpty()) {
                problems.add(new Problem(module.mark(), "unable to find Runnable for module " + module.entryName()));
            } else if (candidates.size() > 1) {
                problems.add(new Problem(module.mark(), "module " + module.entryName() + " matches Runnables "
                        + candidates.stream().map(RunnableDecl::namespacedName).toList()
                        + " in several namespaces: name it <namespace>/<name>.wasm"));
            } else {
                RunnableDecl runnable = candidates.getFirst();
                ModuleFile earlier = assigned.putIfAbsent(runnable, module);
                if (earlier != null) {
                    problems.add(new Problem(module.mark(), "modules " + earlier.entryName() + " and "
                            + module.entryName() + " are both for Runnable " + directive.fqfnOf(runnable)));
                }
            }
        }
        Map<String, RunnableModuleSource> modules = new LinkedHashMap<>();
        for (RunnableDecl runnable : directive.runnables()) {
            ModuleFile module = assigned.get(runnable);
            String fqfn = directive.fqfnOf(runnable).toString();
            if (module == null) {
                problems.add(new Problem(runnable.mark(), "missing module for Runnable " + fqfn));
            } else {
                modules.putIfAbsent(fqfn, new RunnableModuleSource(runnable, module.entryName(), module.wasm(),
                        module.mark()));
            }
        }
        return new Result(directive, modules, problems);
    }

    /** Runnables for a Directive that lists none: one per module, then those declared without a module. */
    private static List<RunnableDecl> derive(BundleContents contents) {
        List<RunnableDecl> derived = new ArrayList<>();
        for (ModuleFile module : contents.modules()) {
            derived.add(module.declared().orElseGet(() -> {
                Fqfn name = Fqfn.parse(module.baseName());
                return RunnableDecl.named(name.namespace(), name.name(), module.mark());
            }));
        }
        for (RunnableDecl declared : contents.declared()) {
            if (derived.stream().noneMatch(r -> r == declared)) {
                derived.add(declared);
            }
        }
        return derived;
    }

    private static List<RunnableDecl> candidates(Directive directive, ModuleFile module) {
        if (module.declared().isPresent()) {
            RunnableDecl declared = module.declared().get();
            return find(directive, declared.namespace(), declared.name()).stream().toList();
        }
        String entry = module.entryName();
        Optional<RunnableDecl> byReference = directive.resolve(entry.substring(0, entry.length() - ".wasm".length()));
        if (byReference.isPresent()) {
            return List.of(byReference.get());
        }
        String[] parts = entry.split("/");
        if (parts.length == 2) {
            Optional<RunnableDecl> byPath = find(directive, parts[0], module.baseName());
            if (byPath.isPresent()) {
                return List.of(byPath.get());
            }
        }
        return directive.runnables().stream().filter(r -> r.name().equals(module.baseName())).toList();
    }

    private static Optional<RunnableDecl> find(Directive directive, String namespace, String name) {
        return directive.runnables().stream()
                .filter(r -> r.namespace().equals(namespace) && r.name().equals(name))
                .findFirst();
    }
}
