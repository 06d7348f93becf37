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

    private GuestRequest(RequestFields fields) {
        this.method = fields.method();
        this.url = fields.url();
        this.id = fields.id();
        this.body = fields.body();
        this.headers = fields.headers();
        this.params = fields.params();
        this.state = fields.state();
    }

    /** A builder of a guest request; everything defaults to empty. */
    public static RequestFields.Builder<GuestRequest> builder() {
        return new RequestFields.Builder<>(GuestRequest::new);
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
}
