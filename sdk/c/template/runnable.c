/*
 * The Runnable {{name}}: answers "hello <body>".
 *
 * Atmo calls hello() once for every request routed to {{name}} in Directive.yaml. `input` is the
 * request body. Return atmo_ok(...) to answer, or atmo_fail(status, ...) to fail with an HTTP status.
 * Everything the SDK gives you (atmo_fmt text, host answers) is freed when the request ends.
 *
 * Build with `make` (or `atmo build`); the SDK's reference is ../.atmo/sdk/c/README.md.
 */
#include "atmo.h"

static atmo_result hello(atmo_str input) {
    /* input.ptr is also a C string (the SDK ends it with a NUL) */
    return atmo_ok(atmo_fmt("hello %s", input.ptr));
}

/* Tells the SDK which function is the Runnable. */
ATMO_RUNNABLE(hello)
