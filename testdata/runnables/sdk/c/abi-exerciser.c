/*
 * ABI exerciser written with the C SDK (sdk/c): runs the line-based command protocol of
 * testdata/runnables/README.md on generation B and reports what every host function answered.
 *
 * Plain commands go through the SDK's typed functions (atmo_cache_get, atmo_http, atmo_req_field,
 * atmo_db_exec, ...), so their output shows what a Runnable written with the SDK receives: the data,
 * or the error with the host's code and text. The error-path prefixes (badident, nofetch, pending) and
 * the `ffi` command need the host functions exactly as given, so they use the SDK's low-level layer
 * (atmo_host_*). Built as wasm/sdk-c.wasm by `../../build.sh sdk-c`.
 */
#include "atmo.h"

#include <string.h>

#define MODULE_NAME "sdk-c"

/* ---- initialisation record: the reactor's constructors, then the SDK's init ---- */

static char inits[64];
static size_t inits_len;

static void record_init(const char *name) {
    if (inits_len) inits[inits_len++] = ',';
    memcpy(inits + inits_len, name, strlen(name));
    inits_len += strlen(name);
}

__attribute__((constructor)) static void record_initialize(void) { record_init("_initialize"); }

static void record_sdk_init(void) { record_init("init"); }
ATMO_INIT(record_sdk_init)

/* ---- per-job state ---- */

static char *out;
static size_t out_len, out_cap;
static atmo_str body;     /* body of the next fetch */
static int32_t last_size; /* size of the slot made by the last slot-producing call */
static bool stopped;      /* `error` was used */

static void out_bytes(const void *p, size_t n) {
    if (out_len + n > out_cap) {
        size_t cap = out_cap ? out_cap * 2 : 256;
        while (cap < out_len + n) cap *= 2;
        char *grown = atmo_alloc(cap);
        if (out_len) memcpy(grown, out, out_len);
        out = grown;
        out_cap = cap;
    }
    if (n) memcpy(out + out_len, p, n);
    out_len += n;
}

static void out_str(const char *s) { out_bytes(s, strlen(s)); }
static void out_view(atmo_str s) { out_bytes(s.ptr, s.len); }

static void out_int(int32_t v) {
    atmo_str text = atmo_fmt("%d", (int)v);
    out_view(text);
}

/* ---- parsing ---- */

/* Takes the text up to the first space and leaves the rest (after that space) in *s. */
static atmo_str word(atmo_str *s) {
    atmo_str w = *s;
    const char *sp = memchr(s->ptr, ' ', s->len);
    if (sp) {
        w.len = (size_t)(sp - s->ptr);
        s->ptr = sp + 1;
        s->len -= w.len + 1;
    } else {
        s->ptr += s->len;
        s->len = 0;
    }
    return w;
}

/* A C string holding the bytes (the SDK's copies are NUL-terminated). */
static const char *cstr(atmo_str s) { return atmo_copy(s.ptr, s.len).ptr; }

static bool is_number(atmo_str a) {
    size_t i = (a.len && a.ptr[0] == '-') ? 1 : 0;
    if (i == a.len) return false;
    for (; i < a.len; i++)
        if (a.ptr[i] < '0' || a.ptr[i] > '9') return false;
    return true;
}

static int32_t to_int(atmo_str a) {
    size_t i = (a.len && a.ptr[0] == '-') ? 1 : 0;
    uint32_t v = 0;
    for (size_t j = i; j < a.len && a.ptr[j] >= '0' && a.ptr[j] <= '9'; j++) v = v * 10 + (uint32_t)(a.ptr[j] - '0');
    return i ? (int32_t)(0u - v) : (int32_t)v;
}

static const char *const METHODS[] = {"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"};

/* An HTTP method name or a decimal number passed as-is; false (after reporting) for an unknown name. */
static bool method_of(atmo_str m, int32_t *method) {
    if (is_number(m)) {
        *method = to_int(m);
        return true;
    }
    for (int32_t i = 0; i < 7; i++) {
        if (atmo_str_eq(m, METHODS[i])) {
            *method = i;
            return true;
        }
    }
    out_str("unknown method ");
    out_view(m);
    return false;
}

/* The body of the next fetch, which it uses up. */
static atmo_str take_body(void) {
    atmo_str b = body;
    body = (atmo_str){"", 0};
    return b;
}

/* ---- plain commands, through the SDK's typed functions ---- */

/* Reports a slot-producing call the way the protocol shows the host's answer. */
static void report(atmo_result r) {
    if (r.ok) {
        last_size = (int32_t)r.value.len;
        out_str("rc=");
        out_int((int32_t)r.value.len);
        out_str(" ffi=0 data=");
        out_view(r.value);
        return;
    }
    int32_t rc = r.error.host_code;
    out_str("rc=");
    out_int(rc);
    if (rc == -1) return;
    last_size = -rc;
    if (r.error.kind == ATMO_ERR_HOST) {
        out_str(" ffi=0 err=");
        out_view(r.error.message);
    } else {
        out_str(" ffi=-1");
    }
}

/* The outcome of a call that fills no slot: rc=0 or the host's code. */
static void report_status(atmo_result r) {
    out_str("rc=");
    out_int(r.ok ? 0 : r.error.host_code);
}

/* The URL's ::Name:value pieces as headers, when every piece has a ':'; otherwise the URL as given. */
static atmo_result fetch(int32_t method, atmo_str url) {
    atmo_http_request request = {.method = (atmo_method)method, .body = take_body()};
    const char *sep = NULL;
    for (size_t i = 0; i + 1 < url.len; i++)
        if (url.ptr[i] == ':' && url.ptr[i + 1] == ':') {
            sep = url.ptr + i;
            break;
        }
    if (!sep) {
        request.url = cstr(url);
        return atmo_http(request);
    }
    size_t pieces = 0;
    for (size_t i = 0; i + 1 < url.len; i++)
        if (url.ptr[i] == ':' && url.ptr[i + 1] == ':') pieces++;
    atmo_header *headers = atmo_alloc(pieces * sizeof *headers);
    atmo_str rest = {sep + 2, url.len - (size_t)(sep - url.ptr) - 2};
    size_t count = 0;
    while (count < pieces) {
        const char *next = NULL;
        for (size_t i = 0; i + 1 < rest.len; i++)
            if (rest.ptr[i] == ':' && rest.ptr[i + 1] == ':') {
                next = rest.ptr + i;
                break;
            }
        atmo_str piece = {rest.ptr, next ? (size_t)(next - rest.ptr) : rest.len};
        const char *colon = memchr(piece.ptr, ':', piece.len);
        if (!colon) {
            request.url = cstr(url); /* a malformed piece goes to the host as written */
            return atmo_http(request);
        }
        headers[count].name = cstr((atmo_str){piece.ptr, (size_t)(colon - piece.ptr)});
        headers[count].value = cstr((atmo_str){colon + 1, piece.len - (size_t)(colon - piece.ptr) - 1});
        count++;
        if (next) rest = (atmo_str){next + 2, rest.len - piece.len - 2};
    }
    request.url = cstr((atmo_str){url.ptr, (size_t)(sep - url.ptr)});
    request.headers = headers;
    request.header_count = count;
    return atmo_http(request);
}

static atmo_result get_field(int32_t type, atmo_str key) {
    const char *k = cstr(key);
    switch (type) {
    case ATMO_FIELD_META:
        if (atmo_str_eq(key, "method")) return atmo_req_method();
        if (atmo_str_eq(key, "url")) return atmo_req_url();
        if (atmo_str_eq(key, "id")) return atmo_req_id();
        if (atmo_str_eq(key, "body")) return atmo_req_body();
        break;
    case ATMO_FIELD_BODY: return atmo_req_body_field(k);
    case ATMO_FIELD_HEADER: return atmo_req_header(k);
    case ATMO_FIELD_PARAMS: return atmo_req_param(k);
    case ATMO_FIELD_STATE: return atmo_state_get(k);
    case ATMO_FIELD_QUERY: return atmo_req_query(k);
    }
    return atmo_req_field((atmo_field)type, k);
}

static atmo_result set_field(int32_t type, atmo_str key, atmo_str value) {
    const char *k = cstr(key);
    switch (type) {
    case ATMO_FIELD_META:
        if (atmo_str_eq(key, "method")) return atmo_req_set_method(value);
        if (atmo_str_eq(key, "url")) return atmo_req_set_url(value);
        if (atmo_str_eq(key, "body")) return atmo_req_set_body(value);
        break;
    case ATMO_FIELD_BODY: return atmo_req_set_body_field(k, value);
    case ATMO_FIELD_HEADER: return atmo_req_set_header(k, value);
    case ATMO_FIELD_PARAMS: return atmo_req_set_param(k, value);
    case ATMO_FIELD_STATE: return atmo_state_set(k, value);
    }
    return atmo_req_set_field((atmo_field)type, k, value);
}

/* Runs a slot command through the SDK; false when the line is no slot command. */
static bool typed_slot_command(atmo_str cmd, atmo_str rest) {
    if (atmo_str_eq(cmd, "fetch")) {
        int32_t method;
        if (method_of(word(&rest), &method)) report(fetch(method, rest));
    } else if (atmo_str_eq(cmd, "graphql")) {
        atmo_str endpoint = word(&rest);
        report(atmo_graphql(cstr(endpoint), cstr(rest)));
    } else if (atmo_str_eq(cmd, "cache_get")) {
        report(atmo_cache_get(cstr(rest)));
    } else if (atmo_str_eq(cmd, "field")) {
        int32_t type = to_int(word(&rest));
        report(get_field(type, rest));
    } else if (atmo_str_eq(cmd, "static")) {
        report(atmo_static_file(cstr(rest)));
    } else if (atmo_str_eq(cmd, "set_field")) {
        int32_t type = to_int(word(&rest));
        atmo_str key = word(&rest);
        report(set_field(type, key, rest));
    } else if (atmo_str_eq(cmd, "db")) {
        int32_t type = to_int(word(&rest));
        report(atmo_db_exec((atmo_query_type)type, cstr(rest)));
    } else {
        return false;
    }
    return true;
}

/* cache_set <key> <value> <ttl>: the value is everything between the first and the last word. */
static void split_cache_set(atmo_str rest, atmo_str *key, atmo_str *value, int32_t *ttl) {
    *key = word(&rest);
    const char *sp = NULL;
    for (size_t i = rest.len; i > 0; i--)
        if (rest.ptr[i - 1] == ' ') {
            sp = rest.ptr + i - 1;
            break;
        }
    *value = (atmo_str){rest.ptr, sp ? (size_t)(sp - rest.ptr) : 0};
    *ttl = to_int(sp ? (atmo_str){sp + 1, rest.len - value->len - 1} : rest);
}

/* ---- error-path commands, through the host functions as given ---- */

/* Calls a slot-producing host function with ident; false when the line is no slot command. */
static bool raw_slot_call(atmo_str line, int32_t ident, int32_t *rc) {
    atmo_str cmd = word(&line);
    if (atmo_str_eq(cmd, "fetch")) {
        int32_t method;
        if (!method_of(word(&line), &method)) return false;
        atmo_str b = take_body();
        *rc = atmo_host_fetch_url(method, line.ptr, (int32_t)line.len, b.ptr, (int32_t)b.len, ident);
    } else if (atmo_str_eq(cmd, "graphql")) {
        atmo_str endpoint = word(&line);
        *rc = atmo_host_graphql_query(endpoint.ptr, (int32_t)endpoint.len, line.ptr, (int32_t)line.len, ident);
    } else if (atmo_str_eq(cmd, "cache_get")) {
        *rc = atmo_host_cache_get(line.ptr, (int32_t)line.len, ident);
    } else if (atmo_str_eq(cmd, "field")) {
        int32_t type = to_int(word(&line));
        *rc = atmo_host_request_get_field(type, line.ptr, (int32_t)line.len, ident);
    } else if (atmo_str_eq(cmd, "static")) {
        *rc = atmo_host_get_static_file(line.ptr, (int32_t)line.len, ident);
    } else if (atmo_str_eq(cmd, "set_field")) {
        int32_t type = to_int(word(&line));
        atmo_str key = word(&line);
        *rc = atmo_host_request_set_field(type, key.ptr, (int32_t)key.len, line.ptr, (int32_t)line.len, ident);
    } else if (atmo_str_eq(cmd, "db")) {
        int32_t type = to_int(word(&line));
        *rc = atmo_host_db_exec(type, line.ptr, (int32_t)line.len, ident);
    } else {
        return false;
    }
    if (*rc != -1) last_size = *rc < 0 ? -*rc : *rc;
    return true;
}

static bool is_slot_command(atmo_str line) {
    atmo_str cmd = word(&line);
    static const char *const names[] = {"fetch", "graphql", "cache_get", "field", "static", "set_field", "db"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (atmo_str_eq(cmd, names[i])) return true;
    return false;
}

/* Fetches the slot into a buffer of last_size bytes and reports "ffi=<r>[ <label>=<bytes>]". */
static void fetch_slot(const char *label, int32_t ident) {
    char *buf = atmo_alloc(last_size > 0 ? (size_t)last_size : 1);
    int32_t r = atmo_host_get_ffi_result(buf, ident);
    out_str("ffi=");
    out_int(r);
    if (r == 0) {
        out_str(" ");
        out_str(label);
        out_str("=");
        out_bytes(buf, (size_t)last_size);
    }
}

/* A command whose first host call gets ident + 1 (later calls get the real one). */
static void bad_ident_command(atmo_str line) {
    int32_t bad = atmo_ident() + 1;
    atmo_str rest = line;
    atmo_str cmd = word(&rest);
    int32_t rc;
    if (is_slot_command(line)) {
        if (!raw_slot_call(line, bad, &rc)) return;
        out_str("rc=");
        out_int(rc);
        if (rc >= 0 || rc < -1) {
            out_str(" ");
            fetch_slot(rc >= 0 ? "data" : "err", atmo_ident());
        }
    } else if (atmo_str_eq(cmd, "ffi")) {
        fetch_slot("data", bad);
    } else if (atmo_str_eq(cmd, "cache_set")) {
        atmo_str key, value;
        int32_t ttl;
        split_cache_set(rest, &key, &value, &ttl);
        out_str("rc=");
        out_int(atmo_host_cache_set(key.ptr, (int32_t)key.len, value.ptr, (int32_t)value.len, ttl, bad));
    } else if (atmo_str_eq(cmd, "log")) {
        int32_t level = to_int(word(&rest));
        atmo_host_log_msg(rest.ptr, (int32_t)rest.len, level, bad);
        out_str("ok");
    } else if (atmo_str_eq(cmd, "header")) {
        atmo_str key = word(&rest);
        atmo_host_resp_set_header(key.ptr, (int32_t)key.len, rest.ptr, (int32_t)rest.len, bad);
        out_str("ok");
    } else if (atmo_str_eq(cmd, "var")) {
        atmo_str name = word(&rest);
        out_str("rc=");
        out_int(atmo_host_add_ffi_var(name.ptr, (int32_t)name.len, rest.ptr, (int32_t)rest.len, bad));
    } else if (atmo_str_eq(cmd, "result")) {
        atmo_host_return_result(rest.ptr, (int32_t)rest.len, bad);
        out_str("ok");
    } else if (atmo_str_eq(cmd, "error")) {
        int32_t code = to_int(word(&rest));
        atmo_host_return_error(code, rest.ptr, (int32_t)rest.len, bad);
        stopped = true;
    } else if (atmo_str_eq(cmd, "abort")) {
        static const char file[] = MODULE_NAME;
        atmo_host_return_abort(rest.ptr, (int32_t)rest.len, file, (int32_t)(sizeof file - 1), 42, 7, bad);
        __builtin_trap();
    } else {
        out_str("unknown command ");
        out_view(cmd);
    }
}

/* nofetch / pending <slot command>. */
static void slot_prefix_command(atmo_str prefix, atmo_str line) {
    if (!is_slot_command(line)) {
        out_str("not a slot command");
        return;
    }
    int32_t rc, rc2;
    if (!raw_slot_call(line, atmo_ident(), &rc)) return;
    if (atmo_str_eq(prefix, "nofetch")) {
        out_str("rc=");
        out_int(rc);
        return;
    }
    int32_t first_size = last_size;
    raw_slot_call(line, atmo_ident(), &rc2);
    if (rc2 == -1) last_size = first_size;
    out_str("first=");
    out_int(rc);
    out_str(" second=");
    out_int(rc2);
}

/* ---- one command line; returns an error result for `error` ---- */

static atmo_result exec_line(atmo_str line) {
    atmo_str rest = line;
    atmo_str cmd = word(&rest);

    if (atmo_str_eq(cmd, "badident")) {
        bad_ident_command(rest);
    } else if (atmo_str_eq(cmd, "nofetch") || atmo_str_eq(cmd, "pending")) {
        slot_prefix_command(cmd, rest);
    } else if (typed_slot_command(cmd, rest)) {
        /* reported */
    } else if (atmo_str_eq(cmd, "ffi")) {
        fetch_slot("data", atmo_ident());
    } else if (atmo_str_eq(cmd, "cache_set")) {
        atmo_str key, value;
        int32_t ttl;
        split_cache_set(rest, &key, &value, &ttl);
        report_status(atmo_cache_set(cstr(key), value, ttl));
    } else if (atmo_str_eq(cmd, "log")) {
        int32_t level = to_int(word(&rest));
        atmo_log((atmo_log_level)level, rest);
        out_str("ok");
    } else if (atmo_str_eq(cmd, "header")) {
        atmo_str key = word(&rest);
        atmo_resp_set_header(cstr(key), cstr(rest));
        out_str("ok");
    } else if (atmo_str_eq(cmd, "var")) {
        atmo_str name = word(&rest);
        report_status(atmo_add_ffi_var(cstr(name), rest));
    } else if (atmo_str_eq(cmd, "body")) {
        body = atmo_copy(rest.ptr, rest.len);
        out_str("ok");
    } else if (atmo_str_eq(cmd, "result")) {
        atmo_report_result(rest);
        out_str("ok");
    } else if (atmo_str_eq(cmd, "error")) {
        int32_t code = to_int(word(&rest));
        stopped = true;
        return atmo_fail(code, "%.*s", (int)rest.len, rest.ptr);
    } else if (atmo_str_eq(cmd, "abort")) {
        atmo_abort(cstr(rest), MODULE_NAME, 42, 7);
    } else if (atmo_str_eq(cmd, "trap")) {
        __builtin_trap();
    } else if (atmo_str_eq(cmd, "ident")) {
        out_str("ident=");
        out_int(atmo_ident());
    } else if (atmo_str_eq(cmd, "inits")) {
        out_str("inits=");
        out_bytes(inits, inits_len);
    } else if (atmo_str_eq(cmd, "echo")) {
        out_view(rest);
    } else {
        out_str("unknown command ");
        out_view(cmd);
    }
    return atmo_ok((atmo_str){"", 0});
}

static atmo_result exercise(atmo_str input) {
    out = NULL; /* the previous job's buffer went with its arena */
    out_len = out_cap = 0;
    body = (atmo_str){"", 0};
    last_size = 0;
    stopped = false;

    bool first = true;
    while (input.len > 0 && !stopped) {
        const char *nl = memchr(input.ptr, '\n', input.len);
        atmo_str line = {input.ptr, nl ? (size_t)(nl - input.ptr) : input.len};
        input.ptr += line.len + (nl ? 1 : 0);
        input.len -= line.len + (nl ? 1 : 0);
        if (line.len && line.ptr[line.len - 1] == '\r') line.len--;
        if (line.len == 0) continue;
        if (!first) out_str("\n");
        first = false;
        atmo_result failed = exec_line(line);
        if (!failed.ok) return failed;
    }
    /* after `result` or a stopping `error` the SDK sends nothing more */
    return atmo_ok((atmo_str){out ? out : "", out_len});
}

ATMO_RUNNABLE(exercise)
