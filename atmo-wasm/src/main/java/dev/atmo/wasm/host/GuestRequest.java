package dev.atmo.wasm.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The request a job carries, as the guest sees it through {@code request_get_field} and changes it through
 * {@code request_set_field} and {@code resp_set_header}. Mutable on purpose: the ABI lets the guest edit it
 * and the caller reads the edits back. One instance belongs to one invocation at a time. The maps given to
 * the builder are copied only when the guest first changes one of them.
 */
public final class GuestRequest {
    private String method;
    private String url;
    private final String id;
    private byte[] body;
    private Map<String, String> headers;
    private Map<String, String> params;
    private Map<String, byte[]> state;
    private boolean headersCopied;
    private boolean paramsCopied;
    private boolean stateCopied;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();

    private GuestRequest(Builder b) {
        this.method = b.method;
        this.url = b.url;
        this.id = b.id;
        this.body = b.body;
        this.headers = Map.copyOf(b.headers);
        this.params = Map.copyOf(b.params);
        this.state = Map.copyOf(b.state);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String method() {
        return method;
    }

    public void method(String method) {
        this.method = Objects.requireNonNull(method);
    }

    public String url() {
        return url;
    }

    public void url(String url) {
        this.url = Objects.requireNonNull(url);
    }

    public String id() {
        return id;
    }

    public byte[] body() {
        return body;
    }

    public void body(byte[] body) {
        this.body = Objects.requireNonNull(body);
    }

    /** Request headers, keyed as the caller stored them (canonical for ABI A, lower case for ABI B); read-only. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** URL parameters; read-only. */
    public Map<String, String> params() {
        return Collections.unmodifiableMap(params);
    }

    /** The state the job sees; read-only. */
    public Map<String, byte[]> state() {
        return Collections.unmodifiableMap(state);
    }

    public void header(String name, String value) {
        if (!headersCopied) {
            headers = new LinkedHashMap<>(headers);
            headersCopied = true;
        }
        headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
    }

    public void param(String name, String value) {
        if (!paramsCopied) {
            params = new LinkedHashMap<>(params);
            paramsCopied = true;
        }
        params.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
    }

    public void state(String key, byte[] value) {
        if (!stateCopied) {
            state = new LinkedHashMap<>(state);
            stateCopied = true;
        }
        state.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
    }

    /** Headers set by the guest with {@code resp_set_header}, in the order they were set. */
    public Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    /** Builds a {@link GuestRequest}; everything defaults to empty. */
    public static final class Builder {
        private String method = "";
        private String url = "";
        private String id = "";
        private byte[] body = new byte[0];
        private Map<String, String> headers = Map.of();
        private Map<String, String> params = Map.of();
        private Map<String, byte[]> state = Map.of();

        private Builder() {
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

        public GuestRequest build() {
            return new GuestRequest(this);
        }
    }
}
