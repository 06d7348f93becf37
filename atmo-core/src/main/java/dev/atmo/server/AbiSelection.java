package dev.atmo.server;

import dev.atmo.directive.Directive;
import dev.atmo.directive.RunnableDecl;
import dev.atmo.wasm.abi.AbiVersion;
import java.util.Optional;

/**
 * Which ABI generation a Runnable is loaded as: the CLI override first, then the Runnable's own {@code abi}
 * key, then the bundle's {@code atmoVersion} (before v0.4.0 → A, otherwise B). A module importing B-only
 * functions is B whatever this says; the engine enforces that.
 */
final class AbiSelection {
    private AbiSelection() {
    }

    static AbiVersion choose(Directive directive, RunnableDecl runnable, Optional<AbiVersion> override) {
        if (override.isPresent()) {
            return override.get();
        }
        if (runnable.abi().isPresent()) {
            return AbiVersion.parse(runnable.abi().get());
        }
        return forAtmoVersion(directive.atmoVersion());
    }

    static AbiVersion forAtmoVersion(String atmoVersion) {
        String v = atmoVersion.startsWith("v") ? atmoVersion.substring(1) : atmoVersion;
        String[] parts = v.split("[-+]", 2)[0].split("\\.");
        int major = number(parts, 0);
        int minor = number(parts, 1);
        return major == 0 && minor < 4 ? AbiVersion.A : AbiVersion.B;
    }

    private static int number(String[] parts, int index) {
        if (index >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[index]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
