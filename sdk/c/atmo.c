/*
 * atmo.c: the C SDK for Atmo Runnables (Runnable ABI generation B). See atmo.h.
 *
 * Build with clang --target=wasm32-wasi -mexec-model=reactor (wasi-libc); no other dependency.
 */
#include "atmo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ATMO_EXPORT(name) __attribute__((export_name(#name)))

/* The reporting imports; the public atmo_host_return_* wrap them to note that the job has reported. */
ATMO_IMPORT(return_result) void atmo_import_return_result(const void *ptr, int32_t len, int32_t ident);
ATMO_IMPORT(return_error) void atmo_import_return_error(int32_t code, const void *ptr, int32_t len, int32_t ident);
ATMO_IMPORT(return_abort)
void atmo_import_return_abort(const void *message, int32_t message_len, const void *file, int32_t file_len,
                              int32_t line, int32_t column, int32_t ident);

/* ================================================================================================
 * The job's arena: every buffer the SDK hands out during a job, released when the job ends.
 * ============================================================================================== */

typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} chunk;

static chunk *arena;

static void arena_release(void) {
    while (arena) {
        chunk *next = arena->next;
        free(arena);
        arena = next;
    }
}

void *atmo_alloc(size_t size) {
    size = (size + 15) & ~(size_t)15;
    if (!arena || arena->size - arena->used < size) {
        size_t capacity = size > 8192 ? size : 8192;
        chunk *fresh = malloc(sizeof(chunk) + capacity);
        if (!fresh) atmo_abort("out of memory", "atmo.c", __LINE__, 0);
        fresh->next = arena;
        fresh->used = 0;
        fresh->size = capacity;
        arena = fresh;
    }
    void *p = arena->data + arena->used;
    arena->used += size;
    memset(p, 0, size);
    return p;
}

/* ================================================================================================
 * Bytes
 * ============================================================================================== */

atmo_str atmo_s(const char *text) { return (atmo_str){text, strlen(text)}; }

bool atmo_str_eq(atmo_str bytes, const char *text) {
    size_t n = strlen(text);
    return bytes.len == n && (n == 0 || memcmp(bytes.ptr, text, n) == 0);
}

atmo_str atmo_copy(const void *ptr, size_t len) {
    char *p = atmo_alloc(len + 1);
    if (len) memcpy(p, ptr, len);
    return (atmo_str){p, len};
}

static atmo_str vformat(const char *format, va_list args) {
    va_list again;
    va_copy(again, args);
    char small[256];
    int n = vsnprintf(small, sizeof small, format, args);
    if (n < 0) n = 0;
    char *p = atmo_alloc((size_t)n + 1);
    if ((size_t)n < sizeof small) {
        memcpy(p, small, (size_t)n);
    } else {
        vsnprintf(p, (size_t)n + 1, format, again);
    }
    va_end(again);
    return (atmo_str){p, (size_t)n};
}

atmo_str atmo_fmt(const char *format, ...) {
    va_list args;
    va_start(args, format);
    atmo_str s = vformat(format, args);
    va_end(args);
    return s;
}

/* ================================================================================================
 * Results
 * ============================================================================================== */

atmo_result atmo_ok(atmo_str value) { return (atmo_result){.ok = true, .value = value}; }

atmo_result atmo_ok_text(const char *text) { return atmo_ok(atmo_s(text)); }

atmo_result atmo_err(atmo_error error) { return (atmo_result){.ok = false, .value = {"", 0}, .error = error}; }

atmo_result atmo_fail(int32_t code, const char *format, ...) {
    va_list args;
    va_start(args, format);
    atmo_str message = vformat(format, args);
    va_end(args);
    return atmo_err((atmo_error){.kind = ATMO_ERR_RUNNABLE, .code = code, .message = message});
}

static atmo_result unknown_host_error(int32_t rc) {
    atmo_str message = rc == -1 ? atmo_s("unknown error returned from host")
                                : atmo_fmt("unknown error returned from host (code %d)", (int)rc);
    return atmo_err((atmo_error){.kind = ATMO_ERR_HOST_UNKNOWN, .code = 500, .host_code = rc, .message = message});
}

/* ================================================================================================
 * The job: exports and reporting
 * ============================================================================================== */

static int32_t current_ident;
static bool reported;

int32_t atmo_ident(void) { return current_ident; }

/* Marks the module as generation B for Atmo, whatever the Directive's atmoVersion says. */
ATMO_EXPORT(atmo_abi_b) void atmo_abi_b(void) {}

/* One byte more than asked, set to 0, so the job's input is also a C string. */
ATMO_EXPORT(allocate) void *atmo_export_allocate(int32_t size) {
    size_t n = size > 0 ? (size_t)size : 0;
    char *p = malloc(n + 1);
    if (p) p[n] = 0;
    return p;
}

ATMO_EXPORT(deallocate) void atmo_export_deallocate(void *ptr, int32_t size) {
    (void)size;
    free(ptr);
}

__attribute__((weak)) void atmo_runnable_init(void) {}

ATMO_EXPORT(init) void atmo_export_init(void) {
    static bool done;
    if (done) return;
    done = true;
    atmo_runnable_init();
}

ATMO_EXPORT(run_e) void atmo_export_run_e(const char *ptr, int32_t len, int32_t ident) {
    arena_release();
    current_ident = ident;
    reported = false;
    atmo_result result = atmo_runnable_main((atmo_str){ptr, len > 0 ? (size_t)len : 0});
    if (!reported) {
        if (result.ok) {
            atmo_import_return_result(result.value.ptr, (int32_t)result.value.len, ident);
        } else {
            atmo_import_return_error(result.error.code, result.error.message.ptr, (int32_t)result.error.message.len, ident);
        }
    }
    arena_release();
}

void atmo_host_return_result(const void *ptr, int32_t len, int32_t ident) {
    reported = true;
    atmo_import_return_result(ptr, len, ident);
}

void atmo_host_return_error(int32_t code, const void *ptr, int32_t len, int32_t ident) {
    reported = true;
    atmo_import_return_error(code, ptr, len, ident);
}

void atmo_host_return_abort(const void *message, int32_t message_len, const void *file, int32_t file_len,
                            int32_t line, int32_t column, int32_t ident) {
    reported = true;
    atmo_import_return_abort(message, message_len, file, file_len, line, column, ident);
}

void atmo_report_result(atmo_str output) { atmo_host_return_result(output.ptr, (int32_t)output.len, current_ident); }

void atmo_report_error(int32_t code, atmo_str message) {
    atmo_host_return_error(code, message.ptr, (int32_t)message.len, current_ident);
}

ATMO_NORETURN void atmo_abort(const char *message, const char *file, int32_t line, int32_t column) {
    atmo_host_return_abort(message, (int32_t)strlen(message), file, (int32_t)strlen(file), line, column,
                           current_ident);
    __builtin_trap();
}

/* ================================================================================================
 * The FFI slot: how data and error texts come back from the host
 * ============================================================================================== */

/*
 * Turns what a slot-producing host function returned into a result: n >= 0 is n bytes of data in the
 * slot; -1 is an unknown error with nothing to fetch; any other negative n is an error text of -n bytes.
 */
static atmo_result take_slot(int32_t rc) {
    if (rc == -1) return unknown_host_error(rc);
    size_t n = rc >= 0 ? (size_t)rc : (size_t)(-(int64_t)rc);
    char *buf = atmo_alloc(n + 1);
    if (atmo_host_get_ffi_result(buf, current_ident) != 0) return unknown_host_error(rc);
    atmo_str bytes = {buf, n};
    if (rc >= 0) return atmo_ok(bytes);
    return atmo_err((atmo_error){.kind = ATMO_ERR_HOST, .code = 500, .host_code = rc, .message = bytes});
}

/* What a host function that fills no slot returned: 0 or an unknown error. */
static atmo_result status(int32_t rc) { return rc == 0 ? atmo_ok((atmo_str){"", 0}) : unknown_host_error(rc); }

static int32_t len32(const char *text) { return (int32_t)strlen(text); }

/* ================================================================================================
 * The request and the response
 * ============================================================================================== */

atmo_result atmo_req_field(atmo_field type, const char *key) {
    return take_slot(atmo_host_request_get_field((int32_t)type, key, len32(key), current_ident));
}

atmo_result atmo_req_set_field(atmo_field type, const char *key, atmo_str value) {
    return take_slot(atmo_host_request_set_field((int32_t)type, key, len32(key), value.ptr, (int32_t)value.len,
                                                 current_ident));
}

atmo_result atmo_req_method(void) { return atmo_req_field(ATMO_FIELD_META, "method"); }
atmo_result atmo_req_url(void) { return atmo_req_field(ATMO_FIELD_META, "url"); }
atmo_result atmo_req_id(void) { return atmo_req_field(ATMO_FIELD_META, "id"); }
atmo_result atmo_req_body(void) { return atmo_req_field(ATMO_FIELD_META, "body"); }
atmo_result atmo_req_header(const char *name) { return atmo_req_field(ATMO_FIELD_HEADER, name); }
atmo_result atmo_req_param(const char *name) { return atmo_req_field(ATMO_FIELD_PARAMS, name); }
atmo_result atmo_req_query(const char *name) { return atmo_req_field(ATMO_FIELD_QUERY, name); }
atmo_result atmo_req_body_field(const char *key) { return atmo_req_field(ATMO_FIELD_BODY, key); }
atmo_result atmo_state_get(const char *key) { return atmo_req_field(ATMO_FIELD_STATE, key); }

atmo_result atmo_req_set_method(atmo_str method) { return atmo_req_set_field(ATMO_FIELD_META, "method", method); }
atmo_result atmo_req_set_url(atmo_str url) { return atmo_req_set_field(ATMO_FIELD_META, "url", url); }
atmo_result atmo_req_set_body(atmo_str body) { return atmo_req_set_field(ATMO_FIELD_META, "body", body); }
atmo_result atmo_req_set_header(const char *name, atmo_str value) {
    return atmo_req_set_field(ATMO_FIELD_HEADER, name, value);
}
atmo_result atmo_req_set_param(const char *name, atmo_str value) {
    return atmo_req_set_field(ATMO_FIELD_PARAMS, name, value);
}
atmo_result atmo_req_set_body_field(const char *key, atmo_str value) {
    return atmo_req_set_field(ATMO_FIELD_BODY, key, value);
}
atmo_result atmo_state_set(const char *key, atmo_str value) { return atmo_req_set_field(ATMO_FIELD_STATE, key, value); }

void atmo_resp_set_header(const char *name, const char *value) {
    atmo_host_resp_set_header(name, len32(name), value, len32(value), current_ident);
}

/* ================================================================================================
 * Outbound HTTP and GraphQL
 * ============================================================================================== */

/* The URL as the host reads it: url::Name:value for every header. */
static atmo_str url_with_headers(const char *url, const atmo_header *headers, size_t count) {
    size_t n = strlen(url);
    for (size_t i = 0; i < count; i++) n += 3 + strlen(headers[i].name) + strlen(headers[i].value);
    char *p = atmo_alloc(n + 1);
    size_t at = 0;
#define APPEND(text)                                                                                             \
    do {                                                                                                         \
        size_t k_ = strlen(text);                                                                                \
        memcpy(p + at, (text), k_);                                                                              \
        at += k_;                                                                                                \
    } while (0)
    APPEND(url);
    for (size_t i = 0; i < count; i++) {
        APPEND("::");
        APPEND(headers[i].name);
        APPEND(":");
        APPEND(headers[i].value);
    }
#undef APPEND
    return (atmo_str){p, at};
}

atmo_result atmo_http(atmo_http_request request) {
    atmo_str url = url_with_headers(request.url, request.headers, request.header_count);
    return take_slot(atmo_host_fetch_url((int32_t)request.method, url.ptr, (int32_t)url.len, request.body.ptr,
                                         (int32_t)request.body.len, current_ident));
}

static atmo_result http_send(atmo_method method, const char *url, atmo_str body) {
    return atmo_http((atmo_http_request){.method = method, .url = url, .body = body});
}

static const atmo_str no_body = {"", 0};

atmo_result atmo_http_get(const char *url) { return http_send(ATMO_GET, url, no_body); }
atmo_result atmo_http_head(const char *url) { return http_send(ATMO_HEAD, url, no_body); }
atmo_result atmo_http_options(const char *url) { return http_send(ATMO_OPTIONS, url, no_body); }
atmo_result atmo_http_delete(const char *url) { return http_send(ATMO_DELETE, url, no_body); }
atmo_result atmo_http_post(const char *url, atmo_str body) { return http_send(ATMO_POST, url, body); }
atmo_result atmo_http_put(const char *url, atmo_str body) { return http_send(ATMO_PUT, url, body); }
atmo_result atmo_http_patch(const char *url, atmo_str body) { return http_send(ATMO_PATCH, url, body); }

atmo_result atmo_graphql(const char *endpoint, const char *query) {
    return take_slot(atmo_host_graphql_query(endpoint, len32(endpoint), query, len32(query), current_ident));
}

/* ================================================================================================
 * Cache, static files, logging
 * ============================================================================================== */

atmo_result atmo_cache_get(const char *key) {
    return take_slot(atmo_host_cache_get(key, len32(key), current_ident));
}

atmo_result atmo_cache_set(const char *key, atmo_str value, int32_t ttl_seconds) {
    return status(atmo_host_cache_set(key, len32(key), value.ptr, (int32_t)value.len, ttl_seconds, current_ident));
}

atmo_result atmo_static_file(const char *name) {
    return take_slot(atmo_host_get_static_file(name, len32(name), current_ident));
}

void atmo_log(atmo_log_level level, atmo_str message) {
    atmo_host_log_msg(message.ptr, (int32_t)message.len, (int32_t)level, current_ident);
}

#define LOG_FUNCTION(fn, level)                                                                                  \
    void fn(const char *format, ...) {                                                                           \
        va_list args;                                                                                            \
        va_start(args, format);                                                                                  \
        atmo_log(level, vformat(format, args));                                                                  \
        va_end(args);                                                                                            \
    }
LOG_FUNCTION(atmo_log_info, ATMO_LOG_INFO)
LOG_FUNCTION(atmo_log_warn, ATMO_LOG_WARN)
LOG_FUNCTION(atmo_log_error, ATMO_LOG_ERROR)
LOG_FUNCTION(atmo_log_debug, ATMO_LOG_DEBUG)
#undef LOG_FUNCTION

/* ================================================================================================
 * Database
 * ============================================================================================== */

atmo_result atmo_add_ffi_var(const char *name, atmo_str value) {
    return status(atmo_host_add_ffi_var(name, len32(name), value.ptr, (int32_t)value.len, current_ident));
}

atmo_result atmo_db_exec(atmo_query_type type, const char *name) {
    return take_slot(atmo_host_db_exec((int32_t)type, name, len32(name), current_ident));
}

atmo_result atmo_db_query(atmo_query_type type, const char *name, const atmo_var *vars, size_t count) {
    for (size_t i = 0; i < count; i++) {
        atmo_result added = atmo_add_ffi_var(vars[i].name, vars[i].value);
        if (!added.ok) return added;
    }
    return atmo_db_exec(type, name);
}

atmo_result atmo_db_insert(const char *name, const atmo_var *vars, size_t count) {
    return atmo_db_query(ATMO_DB_INSERT, name, vars, count);
}
atmo_result atmo_db_select(const char *name, const atmo_var *vars, size_t count) {
    return atmo_db_query(ATMO_DB_SELECT, name, vars, count);
}
atmo_result atmo_db_update(const char *name, const atmo_var *vars, size_t count) {
    return atmo_db_query(ATMO_DB_UPDATE, name, vars, count);
}
atmo_result atmo_db_delete(const char *name, const atmo_var *vars, size_t count) {
    return atmo_db_query(ATMO_DB_DELETE, name, vars, count);
}

/* ================================================================================================
 * JSON
 * ============================================================================================== */

struct atmo_json {
    atmo_json_type type;
    bool boolean;
    double number;
    atmo_str string;
    /* arrays and objects: count items; keys only for objects */
    size_t count, capacity;
    atmo_json **items;
    atmo_str *keys;
};

static atmo_json absent_value = {.type = ATMO_JSON_ABSENT};

static atmo_json *json_new(atmo_json_type type) {
    atmo_json *v = atmo_alloc(sizeof *v);
    v->type = type;
    return v;
}

atmo_json *atmo_json_null(void) { return json_new(ATMO_JSON_NULL); }

atmo_json *atmo_json_bool(bool value) {
    atmo_json *v = json_new(ATMO_JSON_BOOL);
    v->boolean = value;
    return v;
}

atmo_json *atmo_json_number(double value) {
    atmo_json *v = json_new(ATMO_JSON_NUMBER);
    v->number = value;
    return v;
}

atmo_json *atmo_json_int(int64_t value) { return atmo_json_number((double)value); }

atmo_json *atmo_json_string(atmo_str value) {
    atmo_json *v = json_new(ATMO_JSON_STRING);
    v->string = atmo_copy(value.ptr, value.len);
    return v;
}

atmo_json *atmo_json_text(const char *value) { return atmo_json_string(atmo_s(value)); }
atmo_json *atmo_json_object(void) { return json_new(ATMO_JSON_OBJECT); }
atmo_json *atmo_json_array(void) { return json_new(ATMO_JSON_ARRAY); }

/* Appends an item (and its key, for objects), growing the arrays in the arena. */
static void json_append(atmo_json *container, atmo_str key, atmo_json *value) {
    if (container->count == container->capacity) {
        size_t capacity = container->capacity ? container->capacity * 2 : 4;
        atmo_json **items = atmo_alloc(capacity * sizeof *items);
        atmo_str *keys = atmo_alloc(capacity * sizeof *keys);
        if (container->count) {
            memcpy(items, container->items, container->count * sizeof *items);
            memcpy(keys, container->keys, container->count * sizeof *keys);
        }
        container->items = items;
        container->keys = keys;
        container->capacity = capacity;
    }
    container->items[container->count] = value;
    container->keys[container->count] = key;
    container->count++;
}

static long json_find(const atmo_json *object, atmo_str key) {
    if (object->type != ATMO_JSON_OBJECT) return -1;
    for (size_t i = object->count; i > 0; i--) {
        atmo_str k = object->keys[i - 1];
        if (k.len == key.len && (key.len == 0 || memcmp(k.ptr, key.ptr, key.len) == 0)) return (long)(i - 1);
    }
    return -1;
}

atmo_json *atmo_json_set(atmo_json *object, const char *key, atmo_json *value) {
    if (object->type != ATMO_JSON_OBJECT) return object;
    long at = json_find(object, atmo_s(key));
    if (at >= 0) {
        object->items[at] = value;
    } else {
        json_append(object, atmo_copy(key, strlen(key)), value);
    }
    return object;
}

atmo_json *atmo_json_push(atmo_json *array, atmo_json *value) {
    if (array->type == ATMO_JSON_ARRAY) json_append(array, (atmo_str){"", 0}, value);
    return array;
}

atmo_json_type atmo_json_type_of(const atmo_json *value) { return value->type; }

atmo_json *atmo_json_get(const atmo_json *object, const char *key) {
    long at = json_find(object, atmo_s(key));
    return at >= 0 ? object->items[at] : &absent_value;
}

atmo_json *atmo_json_at(const atmo_json *value, size_t index) {
    bool container = value->type == ATMO_JSON_ARRAY || value->type == ATMO_JSON_OBJECT;
    return container && index < value->count ? value->items[index] : &absent_value;
}

atmo_str atmo_json_key_at(const atmo_json *object, size_t index) {
    return object->type == ATMO_JSON_OBJECT && index < object->count ? object->keys[index] : (atmo_str){"", 0};
}

size_t atmo_json_count(const atmo_json *value) {
    return value->type == ATMO_JSON_ARRAY || value->type == ATMO_JSON_OBJECT ? value->count : 0;
}

atmo_str atmo_json_as_str(const atmo_json *value, const char *fallback) {
    return value->type == ATMO_JSON_STRING ? value->string : atmo_s(fallback);
}

double atmo_json_as_number(const atmo_json *value, double fallback) {
    return value->type == ATMO_JSON_NUMBER ? value->number : fallback;
}

int64_t atmo_json_as_int(const atmo_json *value, int64_t fallback) {
    if (value->type != ATMO_JSON_NUMBER) return fallback;
    double d = value->number;
    if (d != d) return fallback;
    if (d >= 9223372036854775807.0) return INT64_MAX;
    if (d <= -9223372036854775808.0) return INT64_MIN;
    return (int64_t)d; /* towards zero */
}

bool atmo_json_as_bool(const atmo_json *value, bool fallback) {
    return value->type == ATMO_JSON_BOOL ? value->boolean : fallback;
}

/* ---- parsing ---- */

typedef struct {
    const char *p, *end, *start;
    const char *problem; /* set on the first error */
    const char *where;
} json_parser;

static void json_error(json_parser *in, const char *problem) {
    if (!in->problem) {
        in->problem = problem;
        in->where = in->p;
    }
}

static void json_space(json_parser *in) {
    while (in->p < in->end && (*in->p == ' ' || *in->p == '\t' || *in->p == '\n' || *in->p == '\r')) in->p++;
}

static bool json_literal(json_parser *in, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(in->end - in->p) >= n && memcmp(in->p, word, n) == 0) {
        in->p += n;
        return true;
    }
    json_error(in, "invalid literal");
    return false;
}

static int json_hex4(json_parser *in) {
    if (in->end - in->p < 4) return -1;
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = in->p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return -1;
    }
    in->p += 4;
    return v;
}

static size_t utf8_encode(char *out, uint32_t cp) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Reads a string after its opening quote; escapes never make it longer than its source. */
static atmo_str json_string_body(json_parser *in) {
    const char *close = in->p;
    while (close < in->end && *close != '"') close += (*close == '\\' && close + 1 < in->end) ? 2 : 1;
    char *out = atmo_alloc((size_t)(close - in->p) + 1);
    size_t n = 0;
    while (in->p < in->end) {
        unsigned char c = (unsigned char)*in->p++;
        if (c == '"') return (atmo_str){out, n};
        if (c < 0x20) {
            in->p--;
            json_error(in, "control character in string");
            return (atmo_str){out, n};
        }
        if (c != '\\') {
            out[n++] = (char)c;
            continue;
        }
        if (in->p >= in->end) break;
        char e = *in->p++;
        switch (e) {
        case '"': out[n++] = '"'; break;
        case '\\': out[n++] = '\\'; break;
        case '/': out[n++] = '/'; break;
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'n': out[n++] = '\n'; break;
        case 'r': out[n++] = '\r'; break;
        case 't': out[n++] = '\t'; break;
        case 'u': {
            int cp = json_hex4(in);
            if (cp < 0) {
                json_error(in, "invalid \\u escape");
                return (atmo_str){out, n};
            }
            uint32_t code = (uint32_t)cp;
            if (code >= 0xD800 && code < 0xDC00 && in->end - in->p >= 6 && in->p[0] == '\\' && in->p[1] == 'u') {
                json_parser peek = *in;
                peek.p += 2;
                int low = json_hex4(&peek);
                if (low >= 0xDC00 && low < 0xE000) {
                    code = 0x10000 + ((code - 0xD800) << 10) + ((uint32_t)low - 0xDC00);
                    in->p = peek.p;
                }
            }
            if (code >= 0xD800 && code < 0xE000) code = 0xFFFD; /* a lone surrogate */
            n += utf8_encode(out + n, code);
            break;
        }
        default:
            in->p--;
            json_error(in, "invalid escape");
            return (atmo_str){out, n};
        }
    }
    json_error(in, "unterminated string");
    return (atmo_str){out, n};
}

static atmo_json *json_value(json_parser *in, int depth);

static atmo_json *json_number(json_parser *in) {
    const char *s = in->p;
    if (in->p < in->end && *in->p == '-') in->p++;
    if (in->p < in->end && *in->p == '0') {
        in->p++;
    } else if (in->p < in->end && *in->p >= '1' && *in->p <= '9') {
        while (in->p < in->end && *in->p >= '0' && *in->p <= '9') in->p++;
    } else {
        json_error(in, "invalid number");
        return &absent_value;
    }
    if (in->p < in->end && *in->p == '.') {
        in->p++;
        if (in->p >= in->end || *in->p < '0' || *in->p > '9') {
            json_error(in, "invalid number");
            return &absent_value;
        }
        while (in->p < in->end && *in->p >= '0' && *in->p <= '9') in->p++;
    }
    if (in->p < in->end && (*in->p == 'e' || *in->p == 'E')) {
        in->p++;
        if (in->p < in->end && (*in->p == '+' || *in->p == '-')) in->p++;
        if (in->p >= in->end || *in->p < '0' || *in->p > '9') {
            json_error(in, "invalid number");
            return &absent_value;
        }
        while (in->p < in->end && *in->p >= '0' && *in->p <= '9') in->p++;
    }
    atmo_str digits = atmo_copy(s, (size_t)(in->p - s));
    return atmo_json_number(strtod(digits.ptr, NULL));
}

static atmo_json *json_container(json_parser *in, int depth, bool object) {
    atmo_json *v = json_new(object ? ATMO_JSON_OBJECT : ATMO_JSON_ARRAY);
    char close = object ? '}' : ']';
    in->p++;
    json_space(in);
    if (in->p < in->end && *in->p == close) {
        in->p++;
        return v;
    }
    for (;;) {
        atmo_str key = {"", 0};
        if (object) {
            json_space(in);
            if (in->p >= in->end || *in->p != '"') {
                json_error(in, "expected a string key");
                return v;
            }
            in->p++;
            key = json_string_body(in);
            json_space(in);
            if (in->problem) return v;
            if (in->p >= in->end || *in->p != ':') {
                json_error(in, "expected ':'");
                return v;
            }
            in->p++;
        }
        atmo_json *item = json_value(in, depth + 1);
        if (in->problem) return v;
        long at = object ? json_find(v, key) : -1;
        if (at >= 0) {
            v->items[at] = item; /* a repeated key: the last one wins */
        } else {
            json_append(v, key, item);
        }
        json_space(in);
        if (in->p < in->end && *in->p == ',') {
            in->p++;
            continue;
        }
        if (in->p < in->end && *in->p == close) {
            in->p++;
            return v;
        }
        json_error(in, object ? "expected ',' or '}'" : "expected ',' or ']'");
        return v;
    }
}

static atmo_json *json_value(json_parser *in, int depth) {
    json_space(in);
    if (depth > 512) {
        json_error(in, "nested too deeply");
        return &absent_value;
    }
    if (in->p >= in->end) {
        json_error(in, "unexpected end");
        return &absent_value;
    }
    switch (*in->p) {
    case '{': return json_container(in, depth, true);
    case '[': return json_container(in, depth, false);
    case '"': {
        in->p++;
        atmo_json *v = json_new(ATMO_JSON_STRING);
        v->string = json_string_body(in);
        return v;
    }
    case 't': return json_literal(in, "true") ? atmo_json_bool(true) : &absent_value;
    case 'f': return json_literal(in, "false") ? atmo_json_bool(false) : &absent_value;
    case 'n': return json_literal(in, "null") ? atmo_json_null() : &absent_value;
    default: return json_number(in);
    }
}

atmo_json_result atmo_json_parse(atmo_str text) {
    json_parser in = {.p = text.ptr, .end = text.ptr + text.len, .start = text.ptr};
    atmo_json *value = json_value(&in, 0);
    json_space(&in);
    if (!in.problem && in.p != in.end) json_error(&in, "unexpected text after the value");
    if (in.problem) {
        atmo_str message = atmo_fmt("invalid JSON at byte %zu: %s", (size_t)(in.where - in.start), in.problem);
        return (atmo_json_result){.ok = false, .value = &absent_value,
                                  .error = {.kind = ATMO_ERR_JSON, .code = 400, .message = message}};
    }
    return (atmo_json_result){.ok = true, .value = value};
}

/* ---- serialising ---- */

typedef struct {
    char *p;
    size_t len, cap;
} json_out;

static void out_bytes(json_out *out, const void *bytes, size_t n) {
    if (out->len + n + 1 > out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64;
        while (cap < out->len + n + 1) cap *= 2;
        char *p = atmo_alloc(cap);
        if (out->len) memcpy(p, out->p, out->len);
        out->p = p;
        out->cap = cap;
    }
    memcpy(out->p + out->len, bytes, n);
    out->len += n;
}

static void out_text(json_out *out, const char *text) { out_bytes(out, text, strlen(text)); }

static void out_string(json_out *out, atmo_str s) {
    static const char hex[] = "0123456789abcdef";
    out_text(out, "\"");
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        switch (c) {
        case '"': out_text(out, "\\\""); break;
        case '\\': out_text(out, "\\\\"); break;
        case '\n': out_text(out, "\\n"); break;
        case '\r': out_text(out, "\\r"); break;
        case '\t': out_text(out, "\\t"); break;
        case '\b': out_text(out, "\\b"); break;
        case '\f': out_text(out, "\\f"); break;
        default:
            if (c < 0x20) {
                char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                out_bytes(out, esc, 6);
            } else {
                out_bytes(out, &s.ptr[i], 1);
            }
        }
    }
    out_text(out, "\"");
}

/* The shortest text that reads back as the same double; integers without a fraction. */
static void out_number(json_out *out, double d) {
    char buf[32];
    if (d != d || d == __builtin_inf() || d == -__builtin_inf()) {
        out_text(out, "null"); /* JSON has no NaN or infinity */
        return;
    }
    if (d > -9007199254740992.0 && d < 9007199254740992.0 && d == (double)(int64_t)d) {
        snprintf(buf, sizeof buf, "%lld", (long long)d);
    } else {
        for (int precision = 15; precision <= 17; precision++) {
            snprintf(buf, sizeof buf, "%.*g", precision, d);
            if (strtod(buf, NULL) == d) break;
        }
    }
    out_text(out, buf);
}

static void out_value(json_out *out, const atmo_json *v) {
    switch (v->type) {
    case ATMO_JSON_ABSENT:
    case ATMO_JSON_NULL: out_text(out, "null"); break;
    case ATMO_JSON_BOOL: out_text(out, v->boolean ? "true" : "false"); break;
    case ATMO_JSON_NUMBER: out_number(out, v->number); break;
    case ATMO_JSON_STRING: out_string(out, v->string); break;
    case ATMO_JSON_ARRAY:
    case ATMO_JSON_OBJECT: {
        bool object = v->type == ATMO_JSON_OBJECT;
        out_text(out, object ? "{" : "[");
        for (size_t i = 0; i < v->count; i++) {
            if (i) out_text(out, ",");
            if (object) {
                out_string(out, v->keys[i]);
                out_text(out, ":");
            }
            out_value(out, v->items[i]);
        }
        out_text(out, object ? "}" : "]");
        break;
    }
    }
}

atmo_str atmo_json_serialize(const atmo_json *value) {
    json_out out = {0};
    out_value(&out, value);
    out_bytes(&out, "", 0);
    out.p[out.len] = 0;
    return (atmo_str){out.p, out.len};
}
