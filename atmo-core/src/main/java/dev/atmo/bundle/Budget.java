package dev.atmo.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a bundle against its limits: first the sizes a zip's entries declare, so a bundle that
 * says it is too large is refused before anything is inflated; then the bytes actually read, so an entry that
 * lies about its size or inflates without end is stopped as soon as it passes its declared size or a limit.
 */
final class Budget {
    private final String source;
    private final long maxEntryBytes;
    private final long maxTotalBytes;
    private long total;
    private long declared;

    Budget(String source, long maxEntryBytes, long maxTotalBytes) {
        this.source = source;
        this.maxEntryBytes = maxEntryBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** Counts one entry's declared size ({@code -1} when unknown) before any entry is read. */
    void declare(long size, String entryName) {
        if (size > maxEntryBytes) {
            throw entryTooLarge(entryName);
        }
        declared += Math.max(0, size);
        if (declared > maxTotalBytes) {
            throw totalTooLarge(entryName);
        }
    }

    byte[] read(InputStream in, String entryName) throws IOException {
        return read(in, entryName, -1);
    }

    /** Reads an entry that declared {@code declaredSize} bytes ({@code -1} when unknown); more is an error. */
    byte[] read(InputStream in, String entryName, long declaredSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(Math.max(declaredSize, 32), Math.min(maxEntryBytes, 1 << 20)));
        byte[] buffer = new byte[64 * 1024];
        long entry = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            entry += n;
            total += n;
            if (declaredSize >= 0 && entry > declaredSize) {
                throw BundleException.of(source, "bundle " + source + " entry " + entryName
                        + " inflates to more than the " + declaredSize + " bytes it declares");
            }
            if (entry > maxEntryBytes) {
                throw entryTooLarge(entryName);
            }
            if (total > maxTotalBytes) {
                throw totalTooLarge(entryName);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private BundleException entryTooLarge(String entryName) {
        return BundleException.of(source, "bundle " + source + " entry " + entryName
                + " is larger than the limit of " + maxEntryBytes + " bytes (maxEntryBytes)");
    }

    private BundleException totalTooLarge(String entryName) {
        return BundleException.of(source, "bundle " + source + " holds more than the limit of "
                + maxTotalBytes + " bytes in total (maxTotalBytes), passed at entry " + entryName);
    }
}
