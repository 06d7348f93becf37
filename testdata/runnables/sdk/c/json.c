/*
 * Checks the C SDK's JSON functions from the outside (atmo-wasm SdkCJsonTest). Each input line is a command;
 * each command adds one output line. Built as wasm/sdk-c-json.wasm by `../../build.sh sdk-c`.
 *
 *   roundtrip <json>   the value parsed and serialised again, or "error: <message>"
 *   describe <json>    the value as the typed accessors see it, for example
 *                      object(a=number(1),b=array(string(x),null))
 *   get <key> <json>   the member's type name (absent for a missing one), then what as_str, as_number,
 *                      as_int and as_bool answer (fallbacks "-", -1, -1, false)
 *   build              a value made with the builders, serialised
 */
#include "atmo.h"

#include <string.h>

static atmo_str out;

static void emit(atmo_str s) { out = atmo_fmt("%.*s%.*s", (int)out.len, out.ptr, (int)s.len, s.ptr); }

static const char *type_name(atmo_json_type type) {
    static const char *const names[] = {"absent", "null", "bool", "number", "string", "array", "object"};
    return names[type];
}

static atmo_str describe(const atmo_json *v) {
    switch (atmo_json_type_of(v)) {
    case ATMO_JSON_BOOL: return atmo_fmt("bool(%s)", atmo_json_as_bool(v, false) ? "true" : "false");
    case ATMO_JSON_NUMBER: return atmo_fmt("number(%.17g)", atmo_json_as_number(v, 0));
    case ATMO_JSON_STRING: {
        atmo_str s = atmo_json_as_str(v, "");
        return atmo_fmt("string(%.*s)", (int)s.len, s.ptr);
    }
    case ATMO_JSON_ARRAY:
    case ATMO_JSON_OBJECT: {
        bool object = atmo_json_type_of(v) == ATMO_JSON_OBJECT;
        atmo_str text = atmo_fmt("%s(", object ? "object" : "array");
        for (size_t i = 0; i < atmo_json_count(v); i++) {
            atmo_str key = atmo_json_key_at(v, i);
            atmo_str item = describe(atmo_json_at(v, i));
            text = atmo_fmt("%.*s%s%.*s%s%.*s", (int)text.len, text.ptr, i ? "," : "", (int)key.len, key.ptr,
                            object ? "=" : "", (int)item.len, item.ptr);
        }
        return atmo_fmt("%.*s)", (int)text.len, text.ptr);
    }
    default: return atmo_s(type_name(atmo_json_type_of(v)));
    }
}

static atmo_str build(void) {
    atmo_json *tags = atmo_json_push(atmo_json_push(atmo_json_array(), atmo_json_text("math")), atmo_json_null());
    atmo_json *numbers = atmo_json_array();
    const double values[] = {0.1, 1.5, -7, 1e21, 9007199254740993.0, 1e-7, 0.0 / 0.0};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) atmo_json_push(numbers, atmo_json_number(values[i]));
    atmo_json *answer = atmo_json_object();
    atmo_json_set(answer, "name", atmo_json_text("Ada \"the first\"\n\\ \x01 é"));
    atmo_json_set(answer, "tags", tags);
    atmo_json_set(answer, "age", atmo_json_int(35));
    atmo_json_set(answer, "age", atmo_json_int(36)); /* replaces, keeping the place */
    atmo_json_set(answer, "numbers", numbers);
    atmo_json_set(answer, "ok", atmo_json_bool(true));
    atmo_json_set(answer, "bytes", atmo_json_string((atmo_str){"a\0b", 3}));
    return atmo_json_serialize(answer);
}

static atmo_str run_line(atmo_str line) {
    const char *sp = memchr(line.ptr, ' ', line.len);
    atmo_str cmd = {line.ptr, sp ? (size_t)(sp - line.ptr) : line.len};
    atmo_str rest = sp ? (atmo_str){sp + 1, line.len - cmd.len - 1} : (atmo_str){"", 0};
    if (atmo_str_eq(cmd, "build")) return build();
    atmo_str key = {"", 0};
    if (atmo_str_eq(cmd, "get")) {
        const char *sp2 = memchr(rest.ptr, ' ', rest.len);
        if (!sp2) return atmo_s("usage: get <key> <json>");
        key = atmo_copy(rest.ptr, (size_t)(sp2 - rest.ptr));
        rest = (atmo_str){sp2 + 1, rest.len - key.len - 1};
    }
    atmo_json_result parsed = atmo_json_parse(rest);
    if (!parsed.ok) return atmo_fmt("error: %s", parsed.error.message.ptr);
    if (atmo_str_eq(cmd, "roundtrip")) return atmo_json_serialize(parsed.value);
    if (atmo_str_eq(cmd, "describe")) return describe(parsed.value);
    if (atmo_str_eq(cmd, "get")) {
        atmo_json *v = atmo_json_get(parsed.value, key.ptr);
        atmo_str s = atmo_json_as_str(v, "-");
        return atmo_fmt("%s %.*s %g %lld %s", type_name(atmo_json_type_of(v)), (int)s.len, s.ptr,
                        atmo_json_as_number(v, -1), (long long)atmo_json_as_int(v, -1),
                        atmo_json_as_bool(v, false) ? "true" : "false");
    }
    return atmo_fmt("unknown command %.*s", (int)cmd.len, cmd.ptr);
}

static atmo_result run(atmo_str input) {
    out = (atmo_str){"", 0};
    while (input.len) {
        const char *nl = memchr(input.ptr, '\n', input.len);
        atmo_str line = {input.ptr, nl ? (size_t)(nl - input.ptr) : input.len};
        input.ptr += line.len + (nl ? 1 : 0);
        input.len -= line.len + (nl ? 1 : 0);
        if (out.len) emit(atmo_s("\n"));
        emit(run_line(line));
    }
    return atmo_ok(out);
}

ATMO_RUNNABLE(run)
