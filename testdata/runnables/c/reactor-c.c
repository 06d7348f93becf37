/*
 * reactor-c: a WASI reactor (exports _initialize). A static constructor, which
 * only runs when the host calls _initialize, sets the text that run_e returns:
 * "constructor ran", or "constructor not run" without initialisation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

__attribute__((import_module("env"), import_name("return_result")))
void return_result(const void *ptr, int32_t len, int32_t ident);

/* volatile keeps the compiler from evaluating the constructor at build time */
static volatile int constructed = 0;

__attribute__((constructor))
static void set_state(void) {
    constructed = 1;
}

__attribute__((export_name("allocate")))
void *allocate(int32_t size) {
    return malloc(size > 0 ? (size_t)size : 1);
}

__attribute__((export_name("deallocate")))
void deallocate(void *ptr, int32_t size) {
    (void)size;
    free(ptr);
}

__attribute__((export_name("run_e")))
void run_e(const void *ptr, int32_t len, int32_t ident) {
    (void)ptr;
    (void)len;
    const char *state = constructed ? "constructor ran" : "constructor not run";
    return_result(state, (int32_t)strlen(state), ident);
}
