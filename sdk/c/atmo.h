/*
 * atmo.h: the C SDK for Atmo Runnables (Runnable ABI generation B).
 *
 * A Runnable is one C function that takes the job's input and returns an output or an error:
 *
 *     #include "atmo.h"
 *
 *     static atmo_result hello(atmo_str input) {
 *         return atmo_ok(atmo_fmt("hello %s", input.ptr));
 *     }
 *     ATMO_RUNNABLE(hello)
 *
 * Build it together with atmo.c:
 *
 *     clang --target=wasm32-wasi -mexec-model=reactor -O2 -I<sdk> hello.c <sdk>/atmo.c -o hello.wasm
 *
 * The SDK provides the module's exports (run_e, allocate, deallocate, init and the generation-B marker
 * atmo_abi_b) and wraps every host function of generation B.
 *
 * Memory: everything the SDK hands out (results of host calls, atmo_fmt text, JSON values) lives in the
 * job's arena and is released when the job ends. Never free it; copy what must outlive the job.
 * Every atmo_str the SDK returns is also NUL-terminated, so value.ptr can be used as a C string when the
 * bytes contain no NUL.
 */
#ifndef ATMO_H
#define ATMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define ATMO_NORETURN [[noreturn]]
extern "C" {
#else
#define ATMO_NORETURN _Noreturn
#endif

/* ------------------------------------------------------------------------------------------------
 * Bytes
 * ---------------------------------------------------------------------------------------------- */

/* A run of bytes: a view, never owned by the holder. */
typedef struct atmo_str {
    const char *ptr;
    size_t len;
} atmo_str;

/* A view of a NUL-terminated C string (without the NUL). */
atmo_str atmo_s(const char *text);

/* Whether the bytes equal the C string. */
bool atmo_str_eq(atmo_str bytes, const char *text);

/* A NUL-terminated copy of the bytes, in the job's arena. */
atmo_str atmo_copy(const void *ptr, size_t len);

/* printf-style text, in the job's arena. */
atmo_str atmo_fmt(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* size bytes from the job's arena (zeroed); released when the job ends. */
void *atmo_alloc(size_t size);

/* ------------------------------------------------------------------------------------------------
 * Errors and results
 * ---------------------------------------------------------------------------------------------- */

typedef enum atmo_error_kind {
    ATMO_ERR_RUNNABLE = 0,     /* made by the Runnable with atmo_fail */
    ATMO_ERR_HOST = 1,         /* the host explained the failure: message is its text */
    ATMO_ERR_HOST_UNKNOWN = 2, /* the host failed without a text (-1, or a code whose text was missing) */
    ATMO_ERR_JSON = 3,         /* JSON that could not be parsed */
} atmo_error_kind;

typedef struct atmo_error {
    atmo_error_kind kind;
    int32_t code;      /* the status the job fails with when returned from the Runnable (500 for host errors) */
    int32_t host_code; /* what the host function returned (negative); 0 when the host was not involved */
    atmo_str message;
} atmo_error;

/* The outcome of a Runnable and of every fallible SDK call: a value, or an error. */
typedef struct atmo_result {
    bool ok;
    atmo_str value;   /* when ok */
    atmo_error error; /* when !ok */
} atmo_result;

/* A successful result. */
atmo_result atmo_ok(atmo_str value);

/* A successful result holding a C string. */
atmo_result atmo_ok_text(const char *text);

/* A failed result: the job fails with this code (the HTTP status when 200..599) and the printf-style message. */
atmo_result atmo_fail(int32_t code, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* A failed result carrying an error from another call (for example a JSON parse error). */
atmo_result atmo_err(atmo_error error);

/*
 * Propagates failures: evaluates call (anything with fields ok, value and error, such as atmo_result and
 * atmo_json_result); on failure returns its error from the enclosing function (which must return
 * atmo_result); on success assigns the value to var.
 *
 *     atmo_str count;
 *     ATMO_TRY(count, atmo_cache_get("count"));
 */
#define ATMO_TRY(var, call)                                                                                      \
    do {                                                                                                         \
        __typeof__(call) atmo_try_result_ = (call);                                                              \
        if (!atmo_try_result_.ok) return atmo_err(atmo_try_result_.error);                                       \
        (var) = atmo_try_result_.value;                                                                          \
    } while (0)

/*
 * Propagates failures of a call whose value is not needed:
 *
 *     ATMO_CHECK(atmo_cache_set("count", atmo_s("1"), 0));
 */
#define ATMO_CHECK(call)                                                                                         \
    do {                                                                                                         \
        __typeof__(call) atmo_check_result_ = (call);                                                            \
        if (!atmo_check_result_.ok) return atmo_err(atmo_check_result_.error);                                   \
    } while (0)

/* ------------------------------------------------------------------------------------------------
 * The Runnable
 * ---------------------------------------------------------------------------------------------- */

/* The function the SDK calls for each job; ATMO_RUNNABLE defines it. */
atmo_result atmo_runnable_main(atmo_str input);

/* Registers fn, an `atmo_result fn(atmo_str input)`, as the Runnable. Use it once, at file scope. */
#define ATMO_RUNNABLE(fn)                                                                                        \
    atmo_result atmo_runnable_main(atmo_str input) { return fn(input); }

/* The function the SDK calls once per instance, before the first job; ATMO_INIT defines it. */
void atmo_runnable_init(void);

/*
 * Registers fn, a `void fn(void)`, to run once when an instance starts (optional). There is no job yet:
 * host functions answer errors and the arena is released by the first job, so keep what fn builds in
 * memory from malloc.
 */
#define ATMO_INIT(fn)                                                                                            \
    void atmo_runnable_init(void) { fn(); }

/*
 * Reports the job's output now. The value the Runnable returns afterwards is not sent; the first report
 * of a job is the one the host keeps.
 */
void atmo_report_result(atmo_str output);

/* Reports the job's error now (see atmo_report_result). */
void atmo_report_error(int32_t code, atmo_str message);

/* Fails the job with code -1 and "runnable abort: <message>; file: <file>, line: <line>, col: <column>". */
ATMO_NORETURN void atmo_abort(const char *message, const char *file, int32_t line, int32_t column);

/* atmo_abort at the current source line. */
#define ATMO_ABORT(message) atmo_abort((message), __FILE__, __LINE__, 0)

/* ------------------------------------------------------------------------------------------------
 * The request (HTTP jobs; other jobs answer an unknown host error)
 * ---------------------------------------------------------------------------------------------- */

atmo_result atmo_req_method(void);
atmo_result atmo_req_url(void);  /* path and query, such as /hello?x=1 */
atmo_result atmo_req_id(void);   /* the request id */
atmo_result atmo_req_body(void); /* the request body (the job input of the first step) */

/* A header, by name in any case; empty when absent. */
atmo_result atmo_req_header(const char *name);

/* A URL parameter of the route (:name); empty when absent. */
atmo_result atmo_req_param(const char *name);

/* A URL query parameter (?name=value), decoded; empty when absent. */
atmo_result atmo_req_query(const char *name);

/* A string field of a JSON object body; empty for an empty body; an error when not a string. */
atmo_result atmo_req_body_field(const char *key);

/* A state value (the outputs of earlier steps); empty when absent. */
atmo_result atmo_state_get(const char *key);

atmo_result atmo_req_set_method(atmo_str method);
atmo_result atmo_req_set_url(atmo_str url);
atmo_result atmo_req_set_body(atmo_str body);
atmo_result atmo_req_set_header(const char *name, atmo_str value);
atmo_result atmo_req_set_param(const char *name, atmo_str value);
/* Sets a string field of the JSON object body (keys come out sorted). */
atmo_result atmo_req_set_body_field(const char *key, atmo_str value);
atmo_result atmo_state_set(const char *key, atmo_str value);

/* The field types of the request functions, for atmo_req_field and atmo_req_set_field. */
typedef enum atmo_field {
    ATMO_FIELD_META = 0, /* keys method, url, id, body */
    ATMO_FIELD_BODY = 1,
    ATMO_FIELD_HEADER = 2,
    ATMO_FIELD_PARAMS = 3,
    ATMO_FIELD_STATE = 4,
    ATMO_FIELD_QUERY = 5,
} atmo_field;

/* Any request field by type and key (the functions above are shorthands). */
atmo_result atmo_req_field(atmo_field type, const char *key);
atmo_result atmo_req_set_field(atmo_field type, const char *key, atmo_str value);

/* ------------------------------------------------------------------------------------------------
 * The response
 * ---------------------------------------------------------------------------------------------- */

/*
 * Sets a header of the HTTP response (overwrites one set earlier). A successful response is always
 * 200; to answer with another status, fail with that code: `return atmo_fail(404, "no such user");`.
 */
void atmo_resp_set_header(const char *name, const char *value);

/* ------------------------------------------------------------------------------------------------
 * Outbound HTTP
 * ---------------------------------------------------------------------------------------------- */

typedef enum atmo_method {
    ATMO_GET = 0,
    ATMO_HEAD = 1,
    ATMO_OPTIONS = 2,
    ATMO_POST = 3,
    ATMO_PUT = 4,
    ATMO_PATCH = 5,
    ATMO_DELETE = 6,
} atmo_method;

/* A request header. Names and values must not contain ':' (the host answers an unknown error). */
typedef struct atmo_header {
    const char *name;
    const char *value;
} atmo_header;

typedef struct atmo_http_request {
    atmo_method method;
    const char *url;
    const atmo_header *headers;
    size_t header_count;
    atmo_str body; /* sent as application/octet-stream unless a Content-Type header says otherwise */
} atmo_http_request;

/* Fills .headers and .header_count of an atmo_http_request: ATMO_HEADERS({"Accept", "text/plain"}). */
#define ATMO_HEADERS(...)                                                                                        \
    .headers = (const atmo_header[]){__VA_ARGS__},                                                               \
    .header_count = sizeof((const atmo_header[]){__VA_ARGS__}) / sizeof(atmo_header)

/*
 * Sends the request; the value is the response body. A status above 299 fails with the host's text
 * "<status>: <response body>"; so do transport errors and refused URLs.
 */
atmo_result atmo_http(atmo_http_request request);

atmo_result atmo_http_get(const char *url);
atmo_result atmo_http_head(const char *url);
atmo_result atmo_http_options(const char *url);
atmo_result atmo_http_delete(const char *url);
atmo_result atmo_http_post(const char *url, atmo_str body);
atmo_result atmo_http_put(const char *url, atmo_str body);
atmo_result atmo_http_patch(const char *url, atmo_str body);

/* ------------------------------------------------------------------------------------------------
 * GraphQL, cache, static files, logging, database
 * ---------------------------------------------------------------------------------------------- */

/* POSTs the query to the endpoint; the value is the answer as JSON, {"data":{...}} with sorted keys. */
atmo_result atmo_graphql(const char *endpoint, const char *query);

/* The cached value; the error "key not found" when absent. */
atmo_result atmo_cache_get(const char *key);

/* Stores the value; ttl_seconds <= 0 keeps it until overwritten. */
atmo_result atmo_cache_set(const char *key, atmo_str value, int32_t ttl_seconds);

/* A static file of the bundle (its static/ folder), by name such as "index.html" or "docs/a.md". */
atmo_result atmo_static_file(const char *name);

typedef enum atmo_log_level {
    ATMO_LOG_ERROR = 1,
    ATMO_LOG_WARN = 2,
    ATMO_LOG_INFO = 3,
    ATMO_LOG_DEBUG = 4,
} atmo_log_level;

/* Writes one line to Atmo's log, tagged with the request id. */
void atmo_log(atmo_log_level level, atmo_str message);
void atmo_log_info(const char *format, ...) __attribute__((format(printf, 1, 2)));
void atmo_log_warn(const char *format, ...) __attribute__((format(printf, 1, 2)));
void atmo_log_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
void atmo_log_debug(const char *format, ...) __attribute__((format(printf, 1, 2)));

typedef enum atmo_query_type {
    ATMO_DB_INSERT = 0,
    ATMO_DB_SELECT = 1,
    ATMO_DB_UPDATE = 2,
    ATMO_DB_DELETE = 3,
} atmo_query_type;

/* Adds the next positional variable of the next atmo_db_exec (names are for reading only). */
atmo_result atmo_add_ffi_var(const char *name, atmo_str value);

/*
 * Runs the query declared under `name` in the Directive's `queries` with the variables added since the
 * last call. Values: insert {"lastInsertID":n,"rowsAffected":0}; update and delete
 * {"lastInsertID":0,"rowsAffected":n}; select a JSON array of row objects.
 */
atmo_result atmo_db_exec(atmo_query_type type, const char *name);

/* A query variable for the shorthands below. */
typedef struct atmo_var {
    const char *name;
    atmo_str value;
} atmo_var;

/* Expands to the two last arguments of the shorthands: ATMO_VARS({"email", atmo_s(email)}). */
#define ATMO_VARS(...)                                                                                           \
    (const atmo_var[]){__VA_ARGS__}, sizeof((const atmo_var[]){__VA_ARGS__}) / sizeof(atmo_var)

/* atmo_add_ffi_var for each variable, then atmo_db_exec. */
atmo_result atmo_db_query(atmo_query_type type, const char *name, const atmo_var *vars, size_t count);
atmo_result atmo_db_insert(const char *name, const atmo_var *vars, size_t count);
atmo_result atmo_db_select(const char *name, const atmo_var *vars, size_t count);
atmo_result atmo_db_update(const char *name, const atmo_var *vars, size_t count);
atmo_result atmo_db_delete(const char *name, const atmo_var *vars, size_t count);

/* ------------------------------------------------------------------------------------------------
 * JSON
 * ---------------------------------------------------------------------------------------------- */

typedef enum atmo_json_type {
    ATMO_JSON_ABSENT = 0, /* what atmo_json_get and atmo_json_at answer for a missing member */
    ATMO_JSON_NULL,
    ATMO_JSON_BOOL,
    ATMO_JSON_NUMBER,
    ATMO_JSON_STRING,
    ATMO_JSON_ARRAY,
    ATMO_JSON_OBJECT,
} atmo_json_type;

/* A JSON value in the job's arena. Functions taking one never receive NULL and never return NULL. */
typedef struct atmo_json atmo_json;

typedef struct atmo_json_result {
    bool ok;
    atmo_json *value; /* when ok */
    atmo_error error; /* when !ok: ATMO_ERR_JSON, code 400, message naming the byte offset */
} atmo_json_result;

/* Parses JSON text (one value, surrounding whitespace allowed). */
atmo_json_result atmo_json_parse(atmo_str text);

atmo_json_type atmo_json_type_of(const atmo_json *value);

/* The member of an object by key; an ABSENT value when missing or when value is no object. */
atmo_json *atmo_json_get(const atmo_json *object, const char *key);

/* The element of an array (or the value of an object member) by index; ABSENT when out of range. */
atmo_json *atmo_json_at(const atmo_json *value, size_t index);

/* The key of an object member by index; empty when out of range. */
atmo_str atmo_json_key_at(const atmo_json *object, size_t index);

/* The number of elements of an array or members of an object; 0 for other values. */
size_t atmo_json_count(const atmo_json *value);

/* Typed accessors: the value, or the fallback when the value has another type (as_int: towards zero, clamped). */
atmo_str atmo_json_as_str(const atmo_json *value, const char *fallback);
double atmo_json_as_number(const atmo_json *value, double fallback);
int64_t atmo_json_as_int(const atmo_json *value, int64_t fallback);
bool atmo_json_as_bool(const atmo_json *value, bool fallback);

/* Builders. */
atmo_json *atmo_json_null(void);
atmo_json *atmo_json_bool(bool value);
atmo_json *atmo_json_number(double value);
atmo_json *atmo_json_int(int64_t value);
atmo_json *atmo_json_string(atmo_str value);
atmo_json *atmo_json_text(const char *value);
atmo_json *atmo_json_object(void);
atmo_json *atmo_json_array(void);

/* Sets a member of an object (replacing one with the same key); returns the object. */
atmo_json *atmo_json_set(atmo_json *object, const char *key, atmo_json *value);

/* Appends an element to an array; returns the array. */
atmo_json *atmo_json_push(atmo_json *array, atmo_json *value);

/* Compact JSON text; members in insertion order; strings escaped as JSON requires. */
atmo_str atmo_json_serialize(const atmo_json *value);

/* ------------------------------------------------------------------------------------------------
 * Low level: the host functions themselves
 *
 * The typed functions above cover every host function. These are for tools that must call the host
 * exactly as given (the SDK's conformance exerciser does). Each takes the job's ident last.
 * ---------------------------------------------------------------------------------------------- */

/* The ident of the running job. */
int32_t atmo_ident(void);

#define ATMO_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))

ATMO_IMPORT(get_ffi_result) int32_t atmo_host_get_ffi_result(void *ptr, int32_t ident);
ATMO_IMPORT(add_ffi_var)
int32_t atmo_host_add_ffi_var(const void *name, int32_t name_len, const void *value, int32_t value_len, int32_t ident);
ATMO_IMPORT(fetch_url)
int32_t atmo_host_fetch_url(int32_t method, const void *url, int32_t url_len, const void *body, int32_t body_len,
                            int32_t ident);
ATMO_IMPORT(graphql_query)
int32_t atmo_host_graphql_query(const void *endpoint, int32_t endpoint_len, const void *query, int32_t query_len,
                                int32_t ident);
ATMO_IMPORT(cache_set)
int32_t atmo_host_cache_set(const void *key, int32_t key_len, const void *value, int32_t value_len, int32_t ttl,
                            int32_t ident);
ATMO_IMPORT(cache_get) int32_t atmo_host_cache_get(const void *key, int32_t key_len, int32_t ident);
ATMO_IMPORT(log_msg) void atmo_host_log_msg(const void *ptr, int32_t len, int32_t level, int32_t ident);
ATMO_IMPORT(request_get_field)
int32_t atmo_host_request_get_field(int32_t field_type, const void *key, int32_t key_len, int32_t ident);
ATMO_IMPORT(request_set_field)
int32_t atmo_host_request_set_field(int32_t field_type, const void *key, int32_t key_len, const void *value,
                                    int32_t value_len, int32_t ident);
ATMO_IMPORT(resp_set_header)
void atmo_host_resp_set_header(const void *key, int32_t key_len, const void *value, int32_t value_len, int32_t ident);
ATMO_IMPORT(get_static_file) int32_t atmo_host_get_static_file(const void *name, int32_t name_len, int32_t ident);
ATMO_IMPORT(db_exec) int32_t atmo_host_db_exec(int32_t query_type, const void *name, int32_t name_len, int32_t ident);

/*
 * The three reporting functions. Unlike the imports above they are SDK functions: they also note that
 * the job has reported, so the SDK does not send the Runnable's return value afterwards.
 */
void atmo_host_return_result(const void *ptr, int32_t len, int32_t ident);
void atmo_host_return_error(int32_t code, const void *ptr, int32_t len, int32_t ident);
void atmo_host_return_abort(const void *message, int32_t message_len, const void *file, int32_t file_len,
                            int32_t line, int32_t column, int32_t ident);

#ifdef __cplusplus
}
#endif

#endif /* ATMO_H */
