/*
 * A Runnable written with the C SDK that uses every capability once, for the tests that run it
 * through the server against real services (atmo-core SdkCTest). Built as wasm/sdk-c-visits.wasm by
 * `../../build.sh sdk-c`.
 *
 * Route: POST /visits/:who with a JSON body
 *     {"message": "...", "backend": "<URL to GET>", "graphql": "<GraphQL endpoint>", "counter": "<cache key>"}
 * Answer: JSON naming the visitor, the message, what the backend said, the repository the GraphQL
 * server named, the visit count kept in the cache, the static file greeting.txt, the database row
 * written and the rows read back for the visitor, and the request id. The route parameter missing
 * or empty fails with 400.
 */
#include "atmo.h"

#include <stdlib.h>

static atmo_result visit(atmo_str input) {
    atmo_json *body;
    ATMO_TRY(body, atmo_json_parse(input));
    atmo_str who;
    ATMO_TRY(who, atmo_req_param("who"));
    if (who.len == 0) return atmo_fail(400, "say who is visiting: /visits/<who>");

    atmo_str backend;
    ATMO_TRY(backend, atmo_http_get(atmo_json_as_str(atmo_json_get(body, "backend"), "").ptr));

    atmo_str endpoint, answer;
    ATMO_TRY(endpoint, atmo_req_body_field("graphql"));
    ATMO_TRY(answer, atmo_graphql(endpoint.ptr,
                                  "{ repository(owner: \"suborbital\", name: \"reactr\") { nameWithOwner } }"));
    atmo_json *graphql;
    ATMO_TRY(graphql, atmo_json_parse(answer));

    const char *counter = atmo_json_as_str(atmo_json_get(body, "counter"), "visits").ptr;
    atmo_result cached = atmo_cache_get(counter);
    if (!cached.ok && !atmo_str_eq(cached.error.message, "key not found")) return cached;
    long long visits = (cached.ok ? strtoll(cached.value.ptr, NULL, 10) : 0) + 1;
    ATMO_CHECK(atmo_cache_set(counter, atmo_fmt("%lld", visits), 0));

    atmo_str greeting, inserted, rows, id;
    ATMO_TRY(greeting, atmo_static_file("greeting.txt"));
    ATMO_TRY(inserted, atmo_db_insert("add-visit", ATMO_VARS({"who", who})));
    ATMO_TRY(rows, atmo_db_select("visits-of", ATMO_VARS({"who", who})));
    atmo_json *saved, *found;
    ATMO_TRY(saved, atmo_json_parse(inserted));
    ATMO_TRY(found, atmo_json_parse(rows));
    ATMO_TRY(id, atmo_req_id());

    atmo_log_info("visit %lld from %s", visits, who.ptr);
    atmo_resp_set_header("Content-Type", "application/json");
    atmo_resp_set_header("X-Visits", atmo_fmt("%lld", visits).ptr);

    atmo_json *out = atmo_json_object();
    atmo_json_set(out, "who", atmo_json_string(who));
    atmo_json_set(out, "message", atmo_json_get(body, "message"));
    atmo_json_set(out, "backend", atmo_json_string(backend));
    atmo_json_set(out, "repository", atmo_json_get(atmo_json_get(atmo_json_get(graphql, "data"), "repository"),
                                                   "nameWithOwner"));
    atmo_json_set(out, "visits", atmo_json_int(visits));
    atmo_json_set(out, "greeting", atmo_json_string(greeting));
    atmo_json_set(out, "inserted", atmo_json_get(saved, "lastInsertID"));
    atmo_json_set(out, "rows", atmo_json_int((int64_t)atmo_json_count(found)));
    atmo_json_set(out, "first", atmo_json_get(atmo_json_at(found, 0), "who"));
    atmo_json_set(out, "request", atmo_json_string(id));
    return atmo_ok(atmo_json_serialize(out));
}

ATMO_RUNNABLE(visit)
