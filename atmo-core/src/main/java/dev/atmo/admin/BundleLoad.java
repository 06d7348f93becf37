package dev.atmo.admin;

import java.time.Instant;

/** One load of the bundle: when, whether it now serves, and what was said about it. */
public record BundleLoad(Instant time, boolean ok, String message) {
}
