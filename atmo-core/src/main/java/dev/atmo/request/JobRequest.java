package dev.atmo.request;

import dev.atmo.wasm.host.RequestFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request a sequence runs for (Atmo's CoordinatedRequest): method, URL (path and query), a fresh id,
 * body, headers, URL params, the growing state and the response headers Runnables set. State and response
 * headers change as steps complete; everything else is fixed.
 */
public final class JobRequest {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.sequence");
    private final RequestFields fields;
    private final Map<String, byte[]> state;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private final long arrival;

    private JobRequest(RequestFields fields, long arrival) {
        this.arrival = arrival;
        this.fields = fields.id().isEmpty() ? fields.withId(randomId()) : fields;
        this.state = new ConcurrentHashMap<>(fields.state());
    }

    /** A builder of a request that arrives when it is built; the id defaults to a fresh random (version 4) UUID. */
    public static RequestFields.Builder<JobRequest> builder() {
        return new RequestFields.Builder<>(fields -> new JobRequest(fields, System.nanoTime()));
    }

    /** As {@link #builder()}, for a request that arrived at {@code nanoTime}, a {@link System#nanoTime()} reading. */
    public static RequestFields.Builder<JobRequest> arrivedAt(long nanoTime) {
        return new RequestFields.Builder<>(fields -> new JobRequest(fields, nanoTime));
    }

    /**
     * When the request arrived, as a {@link System#nanoTime()} reading (by default when it was built): its first
     * step's pool wait and deadline count from then, so time spent waiting for a thread is not free.
     */
    public long arrival() {
        return arrival;
    }

    /** The request as it arrived, with its id and its initial state. */
    public RequestFields fields() {
        return fields;
    }

    public String method() {
        return fields.method();
    }

    public String url() {
        return fields.url();
    }

    public String id() {
        return fields.id();
    }

    public byte[] body() {
        return fields.body();
    }

    /** Request headers by the name the client sent, first value only. */
    public Map<String, String> headers() {
        return fields.headers();
    }

    public Map<String, String> params() {
        return fields.params();
    }

    /** The live state; steps add their outputs here. */
    public Map<String, byte[]> state() {
        return state;
    }

    /** Response headers merged from every step so far, in step order (later steps overwrite). */
    public synchronized Map<String, String> responseHeaders() {
        return Map.copyOf(responseHeaders);
    }

    /**
     * Adds the response headers Runnable {@code fn} set. A header that cannot be sent (a name that is not a
     * token, a value with CR, LF, NUL or other control characters) and the framing and hop-by-hop headers the
     * server owns are left out, each with a warning naming the Runnable.
     */
    public synchronized void mergeResponseHeaders(String fn, Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (!HeaderNames.validName(name) || !HeaderNames.validValue(value)) {
                LOG.warn("Runnable {} set response header {}: {}, left out", fn,
                        HeaderNames.printable(name), HeaderNames.validName(name)
                                ? "its value has control characters" : "not a valid header name");
            } else if (HeaderNames.serverOwned(name)) {
                LOG.warn("Runnable {} set response header {}: the server sets it, left out", fn,
                        HeaderNames.printable(name));
            } else {
                responseHeaders.put(name, value);
            }
        });
    }

    /**
     * A random (version 4) UUID from {@link ThreadLocalRandom}: request ids name requests in logs and for
     * Runnables, they are not secrets, and {@link UUID#randomUUID()} costs a lock on the shared SecureRandom
     * per request.
     */
    private static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
