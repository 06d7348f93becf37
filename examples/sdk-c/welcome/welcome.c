/*
 * welcome: greets the visitor named in the URL (POST /welcome/:name), quotes another service
 * whose URL is the request body, counts the visits in the cache, logs a line and answers JSON:
 *     {"greeting":"welcome, ada","quote":"...","visits":3}
 */
#include "atmo.h"

#include <stdlib.h>

static atmo_result welcome(atmo_str service_url) {
    atmo_str name, quote;
    ATMO_TRY(name, atmo_req_param("name"));
    ATMO_TRY(quote, atmo_http_get(service_url.ptr)); /* the body is also a C string */

    /* a key not yet cached is an error ("key not found"): start counting at 1 */
    atmo_str key = atmo_fmt("visits:%s", name.ptr);
    atmo_result cached = atmo_cache_get(key.ptr);
    long visits = cached.ok ? strtol(cached.value.ptr, NULL, 10) + 1 : 1;
    ATMO_CHECK(atmo_cache_set(key.ptr, atmo_fmt("%ld", visits), 0));

    atmo_log_info("%s visited %ld times", name.ptr, visits);

    atmo_json *answer = atmo_json_object();
    atmo_json_set(answer, "greeting", atmo_json_string(atmo_fmt("welcome, %s", name.ptr)));
    atmo_json_set(answer, "quote", atmo_json_string(quote));
    atmo_json_set(answer, "visits", atmo_json_int(visits));
    atmo_resp_set_header("Content-Type", "application/json");
    return atmo_ok(atmo_json_serialize(answer));
}

ATMO_RUNNABLE(welcome)
