package dev.atmo.request;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
    private final String method;
    private final String url;
    private final String id;
    private final byte[] body;
    private final Map<String, String> headers;
    private final Map<String, String> params;
    private final Map<String, byte[]> state;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private final long arrival;

    private JobRequest(Builder b) {
        this.arrival = b.arrival == UNSET ? System.nanoTime() : b.arrival;
        this.method = b.method;
        this.url = b.url;
        this.id = b.id;
        this.body = b.body;
        this.headers = Map.copyOf(b.headers);
        this.params = Map.copyOf(b.params);
        this.state = new ConcurrentHashMap<>(b.state);
    }

    private static final long UNSET = Long.MIN_VALUE;

    public static Builder builder() {
        return new Builder();
    }

    /**
     * When the request arrived, as a {@link System#nanoTime()} reading (by default when it was built): its first
     * step's pool wait and deadline count from then, so time spent waiting for a thread is not free.
     */
    public long arrival() {
        return arrival;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public String id() {
        return id;
    }

    public byte[] body() {
        return body;
    }

    /** Request headers by the name the client sent, first value only. */
    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, String> params() {
        return params;
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
                LOG.warn("request_id={} Runnable {} set response header {}: {}, left out", id, fn,
                        HeaderNames.printable(name), HeaderNames.validName(name)
                                ? "its value has control characters" : "not a valid header name");
            } else if (HeaderNames.serverOwned(name)) {
                LOG.warn("request_id={} Runnable {} set response header {}: the server sets it, left out", id, fn,
                        HeaderNames.printable(name));
            } else {
                responseHeaders.put(name, value);
            }
        });
    }

    /** Builds a {@link JobRequest}; the id defaults to a fresh random (version 4) UUID. */
    public static final class Builder {
        private String method = "";
        private String url = "";
        private String id;
        private byte[] body = new byte[0];
        private Map<String, String> headers = Map.of();
        private Map<String, String> params = Map.of();
        private Map<String, byte[]> state = Map.of();
        private long arrival = UNSET;

        /** When the request arrived, a {@link System#nanoTime()} reading; by default when it is built. */
        public Builder arrival(long nanoTime) {
            this.arrival = nanoTime;
            return this;
        }

        public Builder method(String method) {
            this.method = Objects.requireNonNull(method);
            return this;
        }

        public Builder url(String url) {
            this.url = Objects.requireNonNull(url);
            return this;
        }

        public Builder id(String id) {
            this.id = Objects.requireNonNull(id);
            return this;
        }

        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body);
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            this.headers = Objects.requireNonNull(headers);
            return this;
        }

        public Builder params(Map<String, String> params) {
            this.params = Objects.requireNonNull(params);
            return this;
        }

        public Builder state(Map<String, byte[]> state) {
            this.state = Objects.requireNonNull(state);
            return this;
        }

        public JobRequest build() {
            if (id == null) {
                id = randomId();
            }
            return new JobRequest(this);
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
}
