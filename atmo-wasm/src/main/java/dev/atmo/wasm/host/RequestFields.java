package dev.atmo.wasm.host;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A request as its caller received it: method, URL (path and query), id, body, headers (first value of each),
 * URL params and the initial state. The one set of request fields the engine's {@link GuestRequest} and the
 * server's requests are built from, with one {@link Builder}.
 */
public record RequestFields(String method, String url, String id, byte[] body, Map<String, String> headers,
        Map<String, String> params, Map<String, byte[]> state) {

    public RequestFields {
        Objects.requireNonNull(method);
        Objects.requireNonNull(url);
        Objects.requireNonNull(id);
        Objects.requireNonNull(body);
        headers = Map.copyOf(headers);
        params = Map.copyOf(params);
        state = Map.copyOf(state);
    }

    /** A builder of request fields; everything defaults to empty. */
    public static Builder<RequestFields> builder() {
        return new Builder<>(Function.identity());
    }

    /** These fields with another id. */
    public RequestFields withId(String id) {
        return new RequestFields(method, url, id, body, headers, params, state);
    }

    /**
     * Gathers request fields and hands them to what is built from them ({@code finish}); every field defaults to
     * empty.
     *
     * @param <T> what {@link #build()} returns
     */
    public static final class Builder<T> {
        private final Function<RequestFields, T> finish;
        private String method = "";
        private String url = "";
        private String id = "";
        private byte[] body = new byte[0];
        private Map<String, String> headers = Map.of();
        private Map<String, String> params = Map.of();
        private Map<String, byte[]> state = Map.of();

        public Builder(Function<RequestFields, T> finish) {
            this.finish = Objects.requireNonNull(finish);
        }

        /** Starts from every field of {@code fields}. */
        public Builder<T> from(RequestFields fields) {
            return method(fields.method()).url(fields.url()).id(fields.id()).body(fields.body())
                    .headers(fields.headers()).params(fields.params()).state(fields.state());
        }

        public Builder<T> method(String method) {
            this.method = Objects.requireNonNull(method);
            return this;
        }

        public Builder<T> url(String url) {
            this.url = Objects.requireNonNull(url);
            return this;
        }

        public Builder<T> id(String id) {
            this.id = Objects.requireNonNull(id);
            return this;
        }

        public Builder<T> body(byte[] body) {
            this.body = Objects.requireNonNull(body);
            return this;
        }

        public Builder<T> headers(Map<String, String> headers) {
            this.headers = Objects.requireNonNull(headers);
            return this;
        }

        public Builder<T> params(Map<String, String> params) {
            this.params = Objects.requireNonNull(params);
            return this;
        }

        public Builder<T> state(Map<String, byte[]> state) {
            this.state = Objects.requireNonNull(state);
            return this;
        }

        public T build() {
            return finish.apply(new RequestFields(method, url, id, body, headers, params, state));
        }
    }
}
