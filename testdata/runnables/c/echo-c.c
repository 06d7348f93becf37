/*
 * echo-c: a WASI reactor (built with -mexec-model=reactor, exports _initialize)
 * whose run_e returns its input unchanged. allocate/deallocate use malloc/free.
 */
#include <stdint.h>
#include <stdlib.h>

__attribute__((import_module("env"), import_name("return_result")))
void return_result(const void *ptr, int32_t len, int32_t ident);

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
    return_result(ptr, len, ident);
}
