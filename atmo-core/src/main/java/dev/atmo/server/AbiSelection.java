package dev.atmo.server;

import dev.atmo.directive.Directive;
import dev.atmo.directive.RunnableDecl;
import dev.atmo.wasm.abi.AbiVersion;
import java.util.Optional;

/**
 * Which ABI generation a Runnable is loaded as: the CLI override first, then the Runnable's own {@code abi}
 * key, then the SDK version the Runnable states as {@code apiVersion} when it names a Suborbital SDK release
 * of known generation (0.9 up to 0.12 → A, 0.13 and later → B; older numbers, such as the 0.2.x that subo's
 * templates wrote, say nothing), then the bundle's {@code atmoVersion} (before v0.4.0 → A, otherwise B). A
 * module exporting {@link AbiVersion#B_MARKER_EXPORT} or importing B-only functions is B whatever this says;
 * the engine enforces that.
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
        return forApiVersion(runnable.apiVersion()).orElseGet(() -> forAtmoVersion(directive.atmoVersion()));
    }

    static Optional<AbiVersion> forApiVersion(String apiVersion) {
        if (apiVersion.isBlank()) {
            return Optional.empty();
        }
        int[] v = majorMinor(apiVersion);
        if (v[0] > 0 || v[1] >= 13) {
            return Optional.of(AbiVersion.B);
        }
        return v[1] >= 9 ? Optional.of(AbiVersion.A) : Optional.empty();
    }

    static AbiVersion forAtmoVersion(String atmoVersion) {
        int[] v = majorMinor(atmoVersion);
        return v[0] == 0 && v[1] < 4 ? AbiVersion.A : AbiVersion.B;
    }

    private static int[] majorMinor(String version) {
        String v = version.trim();
        v = v.startsWith("v") ? v.substring(1) : v;
        String[] parts = v.split("[-+]", 2)[0].split("\\.");
        return new int[] {number(parts, 0), number(parts, 1)};
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
