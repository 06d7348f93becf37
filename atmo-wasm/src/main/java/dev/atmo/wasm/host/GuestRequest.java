package dev.atmo.wasm.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The request a job carries, as the guest sees it through {@code request_get_field} and changes it through
 * {@code request_set_field} and {@code resp_set_header}. Mutable on purpose: the ABI lets the guest edit it
 * and the caller reads the edits back. One instance belongs to one invocation at a time.
 */
public final class GuestRequest {
    private String method;
    private String url;
    private final String id;
    private byte[] body;
    private final Map<String, String> headers;
    private final Map<String, String> params;
    private final Map<String, byte[]> state;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();

    private GuestRequest(Builder b) {
        this.method = b.method;
        this.url = b.url;
        this.id = b.id;
        this.body = b.body;
        this.headers = new LinkedHashMap<>(b.headers);
        this.params = new LinkedHashMap<>(b.params);
        this.state = new LinkedHashMap<>(b.state);
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

    /** Request headers, keyed as the caller stored them (canonical for ABI A, lower case for ABI B). */
    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, String> params() {
        return params;
    }

    public Map<String, byte[]> state() {
        return state;
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
