/*
 * ABI exerciser in C: runs the line-based command protocol described in
 * testdata/runnables/README.md and reports what every host import returned.
 *
 * Built twice from this file:
 *   abi-b-c  (-DABI_B)  imports the 15 ABI-B functions (reactr HEAD)
 *   abi-a-c  (-DABI_A)  imports the 12 ABI-A functions (reactr v0.11)
 * Both are WASI reactors (-mexec-model=reactor): they export _initialize, whose
 * static constructors record "_initialize" for the `inits` command.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(ABI_B)
#define MODULE_NAME "abi-b-c"
#elif defined(ABI_A)
#define MODULE_NAME "abi-a-c"
#else
#error "define ABI_A or ABI_B"
#endif

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

IMPORT(return_result) void return_result(const void *ptr, int32_t len, int32_t ident);
IMPORT(return_error) void return_error(int32_t code, const void *ptr, int32_t len, int32_t ident);
IMPORT(get_ffi_result) int32_t get_ffi_result(void *ptr, int32_t ident);
IMPORT(fetch_url) int32_t fetch_url(int32_t method, const void *url, int32_t url_len, const void *body,
                                    int32_t body_len, int32_t ident);
IMPORT(graphql_query) int32_t graphql_query(const void *endpoint, int32_t endpoint_len, const void *query,
                                            int32_t query_len, int32_t ident);
IMPORT(cache_set) int32_t cache_set(const void *key, int32_t key_len, const void *val, int32_t val_len,
                                    int32_t ttl, int32_t ident);
IMPORT(cache_get) int32_t cache_get(const void *key, int32_t key_len, int32_t ident);
IMPORT(log_msg) void log_msg(const void *ptr, int32_t len, int32_t level, int32_t ident);
IMPORT(request_get_field) int32_t request_get_field(int32_t field_type, const void *key, int32_t key_len,
                                                    int32_t ident);
IMPORT(resp_set_header) void resp_set_header(const void *key, int32_t key_len, const void *val, int32_t val_len,
                                             int32_t ident);
IMPORT(get_static_file) int32_t get_static_file(const void *name, int32_t name_len, int32_t ident);
IMPORT(return_abort) void return_abort(const void *msg, int32_t msg_len, const void *file, int32_t file_len,
                                       int32_t line, int32_t column, int32_t ident);
#ifdef ABI_B
IMPORT(add_ffi_var) int32_t add_ffi_var(const void *name, int32_t name_len, const void *val, int32_t val_len,
                                        int32_t ident);
IMPORT(request_set_field) int32_t request_set_field(int32_t field_type, const void *key, int32_t key_len,
                                                    const void *val, int32_t val_len, int32_t ident);
IMPORT(db_exec) int32_t db_exec(int32_t query_type, const void *name, int32_t name_len, int32_t ident);
#endif

/* ---- allocator exports ---- */

EXPORT(allocate) void *allocate(int32_t size) {
    return malloc(size > 0 ? (size_t)size : 1);
}

EXPORT(deallocate) void deallocate(void *ptr, int32_t size) {
    (void)size;
    free(ptr);
}

/* ---- initialisation record ---- */

static char inits[64];
static size_t inits_len;

__attribute__((constructor)) static void record_initialize(void) {
    static const char name[] = "_initialize";
    memcpy(inits + inits_len, name, sizeof name - 1);
    inits_len += sizeof name - 1;
}

/* ---- per-job state ---- */

typedef struct {
    const char *p;
    size_t n;
} str;

static int32_t current_ident;
static int bad_ident_next; /* the next import gets current_ident + 1 */
static char *out;
static size_t out_len, out_cap;
static char *body;
static size_t body_len;
static int32_t last_size; /* size of the slot produced by the last slot-producing import */
static int reported;      /* `result` was used */
static int stopped;       /* `error` was used */

static int32_t ident(void) {
    if (bad_ident_next) {
        bad_ident_next = 0;
        return current_ident + 1;
    }
    return current_ident;
}

static void out_bytes(const void *p, size_t n) {
    if (out_len + n > out_cap) {
        size_t cap = out_cap ? out_cap : 256;
        while (cap < out_len + n) cap *= 2;
        out = realloc(out, cap);
        out_cap = cap;
    }
    if (n) memcpy(out + out_len, p, n);
    out_len += n;
}

static void out_str(const char *s) { out_bytes(s, strlen(s)); }

static void out_int(int32_t v) {
    char buf[12];
    int i = sizeof buf;
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) buf[--i] = '-';
    out_bytes(buf + i, sizeof buf - i);
}

/* ---- parsing ---- */

/* Takes the text up to the first space and leaves the rest (after that space) in *s. */
static str word(str *s) {
    str w = *s;
    const char *sp = memchr(s->p, ' ', s->n);
    if (sp) {
        w.n = (size_t)(sp - s->p);
        s->p = sp + 1;
        s->n -= w.n + 1;
    } else {
        s->p += s->n;
        s->n = 0;
    }
    return w;
}

static int eq(str a, const char *lit) { return a.n == strlen(lit) && memcmp(a.p, lit, a.n) == 0; }

static int is_number(str a) {
    size_t i = (a.n && a.p[0] == '-') ? 1 : 0;
    if (i == a.n) return 0;
    for (; i < a.n; i++)
        if (a.p[i] < '0' || a.p[i] > '9') return 0;
    return 1;
}

static int32_t to_int(str a) {
    size_t i = (a.n && a.p[0] == '-') ? 1 : 0;
    uint32_t v = 0;
    for (size_t j = i; j < a.n && a.p[j] >= '0' && a.p[j] <= '9'; j++) v = v * 10 + (uint32_t)(a.p[j] - '0');
    return i ? (int32_t)(0u - v) : (int32_t)v;
}

/* HTTP method name or decimal number -> this generation's fetch_url method number; -1000 if unknown */
static int32_t method_number(str m) {
    if (is_number(m)) return to_int(m);
#ifdef ABI_B
    static const char *names[] = {"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"};
    for (int32_t i = 0; i < 7; i++)
        if (eq(m, names[i])) return i;
#else
    static const char *names[] = {"GET", "POST", "PATCH", "DELETE"};
    for (int32_t i = 0; i < 4; i++)
        if (eq(m, names[i])) return i + 1;
#endif
    return -1000;
}

/* ---- slot-producing commands ---- */

enum { NOT_SLOT = 0, CALLED = 1, ARG_ERROR = 2 };

/* Runs a slot-producing command without fetching the slot. */
static int slot_call(str line, int32_t *rc) {
    str cmd = word(&line);
    if (eq(cmd, "fetch")) {
        str m = word(&line);
        int32_t method = method_number(m);
        if (method == -1000) {
            out_str("unknown method ");
            out_bytes(m.p, m.n);
            return ARG_ERROR;
        }
        *rc = fetch_url(method, line.p, (int32_t)line.n, body, (int32_t)body_len, ident());
        free(body);
        body = NULL;
        body_len = 0;
    } else if (eq(cmd, "graphql")) {
        str endpoint = word(&line);
        *rc = graphql_query(endpoint.p, (int32_t)endpoint.n, line.p, (int32_t)line.n, ident());
    } else if (eq(cmd, "cache_get")) {
        *rc = cache_get(line.p, (int32_t)line.n, ident());
    } else if (eq(cmd, "field")) {
        int32_t type = to_int(word(&line));
        *rc = request_get_field(type, line.p, (int32_t)line.n, ident());
    } else if (eq(cmd, "static")) {
        *rc = get_static_file(line.p, (int32_t)line.n, ident());
#ifdef ABI_B
    } else if (eq(cmd, "set_field")) {
        int32_t type = to_int(word(&line));
        str key = word(&line);
        *rc = request_set_field(type, key.p, (int32_t)key.n, line.p, (int32_t)line.n, ident());
    } else if (eq(cmd, "db")) {
        int32_t type = to_int(word(&line));
        *rc = db_exec(type, line.p, (int32_t)line.n, ident());
#endif
    } else {
        return NOT_SLOT;
    }
    if (*rc != -1) last_size = *rc < 0 ? -*rc : *rc;
    return CALLED;
}

/* Fetches the slot into a buffer of last_size bytes and reports "ffi=<r>[ <label>=<bytes>]". */
static void fetch_slot(const char *label) {
    char *buf = malloc(last_size > 0 ? (size_t)last_size : 1);
    int32_t r = get_ffi_result(buf, ident());
    out_str("ffi=");
    out_int(r);
    if (r == 0) {
        out_str(" ");
        out_str(label);
        out_str("=");
        out_bytes(buf, (size_t)last_size);
    }
    free(buf);
}

static void report_slot(int32_t rc) {
    out_str("rc=");
    out_int(rc);
    if (rc >= 0) {
        out_str(" ");
        fetch_slot("data");
    }
#ifdef ABI_B
    else if (rc < -1) {
        out_str(" ");
        fetch_slot("err");
    }
#endif
}

/* ---- one command line ---- */

static void exec_line(str line);

static void exec_line(str line) {
    str rest = line;
    str cmd = word(&rest);
    int32_t rc, rc2;

    if (eq(cmd, "badident")) {
        bad_ident_next = 1;
        exec_line(rest);
        bad_ident_next = 0;
        return;
    }
    if (eq(cmd, "nofetch") || eq(cmd, "pending")) {
        int status = slot_call(rest, &rc);
        if (status == NOT_SLOT) {
            out_str("not a slot command");
        } else if (status == CALLED) {
            if (eq(cmd, "nofetch")) {
                out_str("rc=");
                out_int(rc);
            } else {
                int32_t first_size = last_size;
                status = slot_call(rest, &rc2);
                if (rc2 == -1) last_size = first_size;
                out_str("first=");
                out_int(rc);
                out_str(" second=");
                out_int(rc2);
            }
        }
        return;
    }
    int status = slot_call(line, &rc);
    if (status == CALLED) {
        report_slot(rc);
        return;
    }
    if (status == ARG_ERROR) return;

    if (eq(cmd, "ffi")) {
        fetch_slot("data");
    } else if (eq(cmd, "cache_set")) {
        str key = word(&rest);
        const char *sp = NULL;
        for (size_t i = rest.n; i > 0; i--)
            if (rest.p[i - 1] == ' ') {
                sp = rest.p + i - 1;
                break;
            }
        str val = {rest.p, sp ? (size_t)(sp - rest.p) : 0};
        str ttl = sp ? (str){sp + 1, rest.n - val.n - 1} : rest;
        rc = cache_set(key.p, (int32_t)key.n, val.p, (int32_t)val.n, to_int(ttl), ident());
        out_str("rc=");
        out_int(rc);
    } else if (eq(cmd, "log")) {
        int32_t level = to_int(word(&rest));
        log_msg(rest.p, (int32_t)rest.n, level, ident());
        out_str("ok");
    } else if (eq(cmd, "header")) {
        str key = word(&rest);
        resp_set_header(key.p, (int32_t)key.n, rest.p, (int32_t)rest.n, ident());
        out_str("ok");
#ifdef ABI_B
    } else if (eq(cmd, "var")) {
        str name = word(&rest);
        rc = add_ffi_var(name.p, (int32_t)name.n, rest.p, (int32_t)rest.n, ident());
        out_str("rc=");
        out_int(rc);
#endif
    } else if (eq(cmd, "body")) {
        free(body);
        body = malloc(rest.n ? rest.n : 1);
        memcpy(body, rest.p, rest.n);
        body_len = rest.n;
        out_str("ok");
    } else if (eq(cmd, "result")) {
        return_result(rest.p, (int32_t)rest.n, ident());
        reported = 1;
        out_str("ok");
    } else if (eq(cmd, "error")) {
        int32_t code = to_int(word(&rest));
        return_error(code, rest.p, (int32_t)rest.n, ident());
        stopped = 1;
    } else if (eq(cmd, "abort")) {
        static const char file[] = MODULE_NAME;
        return_abort(rest.p, (int32_t)rest.n, file, (int32_t)(sizeof file - 1), 42, 7, ident());
        __builtin_trap();
    } else if (eq(cmd, "trap")) {
        __builtin_trap();
    } else if (eq(cmd, "ident")) {
        out_str("ident=");
        out_int(current_ident);
    } else if (eq(cmd, "inits")) {
        out_str("inits=");
        out_bytes(inits, inits_len);
    } else if (eq(cmd, "echo")) {
        out_bytes(rest.p, rest.n);
    } else {
        out_str("unknown command ");
        out_bytes(cmd.p, cmd.n);
    }
}

EXPORT(run_e) void run_e(const char *ptr, int32_t len, int32_t ident_arg) {
    current_ident = ident_arg;
    bad_ident_next = 0;
    out_len = 0;
    free(body);
    body = NULL;
    body_len = 0;
    last_size = 0;
    reported = 0;
    stopped = 0;

    str input = {ptr, (size_t)len};
    int first = 1;
    while (input.n > 0 && !stopped) {
        const char *nl = memchr(input.p, '\n', input.n);
        str line = {input.p, nl ? (size_t)(nl - input.p) : input.n};
        input.p += line.n + (nl ? 1 : 0);
        input.n -= line.n + (nl ? 1 : 0);
        if (line.n && line.p[line.n - 1] == '\r') line.n--;
        if (line.n == 0) continue;
        if (!first) out_str("\n");
        first = 0;
        exec_line(line);
    }
    if (!stopped && !reported) return_result(out ? out : "", (int32_t)out_len, current_ident);
}
