package dev.atmo.server;

import dev.atmo.admin.Activity;
import dev.atmo.admin.AdminStatus;
import dev.atmo.admin.HandlerStatus;
import dev.atmo.admin.ModuleLanguage;
import dev.atmo.bundle.Bundle;
import dev.atmo.bundle.RunnableModuleSource;
import dev.atmo.directive.Directive;
import dev.atmo.directive.Handler;
import dev.atmo.directive.RunnableDecl;
import dev.atmo.wasm.InstancePool;
import dev.atmo.wasm.WasmRunnable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Gathers the admin page's {@link AdminStatus} from the application that serves and the server's activity. */
final class AdminStatusSource {
    private AdminStatusSource() {
    }

    static AdminStatus of(Application app, Activity activity, boolean headless) {
        Bundle bundle = app.bundle();
        Directive directive = bundle.directive();
        AdminStatus.BundleState state = new AdminStatus.BundleState(directive.identifier(), directive.appVersion(),
                bundle.source(), activity.servingSince(), activity.loads());
        return new AdminStatus(activity.now(), state, handlers(directive, activity, headless),
                runnables(bundle, app.runnables(), activity), app.connections(), app.schedules());
    }

    /** Every handler the bundle serves, in the Directive's order (every Runnable's route in headless mode). */
    private static List<HandlerStatus> handlers(Directive directive, Activity activity, boolean headless) {
        List<HandlerStatus> handlers = new ArrayList<>();
        if (headless) {
            for (RunnableDecl runnable : directive.runnables()) {
                handlers.add(activity.route("POST", directive.fqfnOf(runnable).headlessPath()).status());
            }
            return handlers;
        }
        for (Handler handler : directive.handlers()) {
            if (handler.isRequest()) {
                handlers.add(activity.route(handler.method(), handler.resource()).status());
            } else if (handler.isWebsocketStream()) {
                handlers.add(activity.route("STREAM", handler.resource()).status());
            } else if (handler.isNatsStream()) {
                handlers.add(activity.natsHandler(handler.resource()).status());
            }
        }
        return handlers;
    }

    private static List<AdminStatus.RunnableState> runnables(Bundle bundle, LoadedRunnables loaded,
                                                             Activity activity) {
        List<AdminStatus.RunnableState> runnables = new ArrayList<>();
        for (Map.Entry<String, RunnableModuleSource> module : bundle.modules().entrySet()) {
            WasmRunnable runnable = loaded.all().get(module.getKey());
            if (runnable == null) {
                continue;
            }
            byte[] wasm = module.getValue().wasm();
            InstancePool pool = runnable.pool();
            runnables.add(new AdminStatus.RunnableState(runnable.name(), module.getKey(), runnable.abi().name(),
                    language(module.getValue()), wasm.length, runnable.runsCompiledCode(),
                    new AdminStatus.Pool(pool.inUse(), pool.idle(), pool.maxInstances()),
                    activity.errors(module.getKey())));
        }
        return runnables;
    }

    /** What the module's producers section says, else the {@code lang} its declaration gives, else unknown. */
    private static String language(RunnableModuleSource module) {
        String declared = module.runnable().lang();
        return ModuleLanguage.of(module.wasm()).orElse(declared.isBlank() ? "unknown" : declared);
    }
}
