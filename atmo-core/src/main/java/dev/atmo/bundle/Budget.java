package dev.atmo.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes actually read from a bundle against its limits, so a zip entry that lies about its size
 * or inflates without end is stopped as soon as it passes a limit.
 */
final class Budget {
    private final String source;
    private final long maxEntryBytes;
    private final long maxTotalBytes;
    private long total;

    Budget(String source, long maxEntryBytes, long maxTotalBytes) {
        this.source = source;
        this.maxEntryBytes = maxEntryBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    byte[] read(InputStream in, String entryName) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long entry = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            entry += n;
            total += n;
            if (entry > maxEntryBytes) {
                throw BundleException.of(source, "bundle " + source + " entry " + entryName
                        + " is larger than the limit of " + maxEntryBytes + " bytes (maxEntryBytes)");
            }
            if (total > maxTotalBytes) {
                throw BundleException.of(source, "bundle " + source + " holds more than the limit of "
                        + maxTotalBytes + " bytes in total (maxTotalBytes), passed at entry " + entryName);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
