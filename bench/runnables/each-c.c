/*
 * each-c: a forEach element Runnable (ABI A/B, WASI reactor, no WASI imports).
 * It reads state key __elem with request_get_field(4, "__elem") and get_ffi_result
 * and returns it unchanged (a forEach element is a JSON object, so the output is one).
 * Without __elem it reports error {500, "no __elem"}. allocate/deallocate use
 * malloc/free, so nothing leaks from one job to the next.
 */
#include <stdint.h>
#include <stdlib.h>

__attribute__((import_module("env"), import_name("return_result")))
void return_result(const void *ptr, int32_t len, int32_t ident);

__attribute__((import_module("env"), import_name("return_error")))
void return_error(int32_t code, const void *ptr, int32_t len, int32_t ident);

__attribute__((import_module("env"), import_name("request_get_field")))
int32_t request_get_field(int32_t type, const void *key, int32_t key_len, int32_t ident);

__attribute__((import_module("env"), import_name("get_ffi_result")))
int32_t get_ffi_result(void *ptr, int32_t ident);

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
    static const char key[] = "__elem";
    int32_t n = request_get_field(4, key, 6, ident);
    if (n < 0) {
        static const char msg[] = "no __elem";
        return_error(500, msg, 9, ident);
        return;
    }
    void *elem = malloc(n > 0 ? (size_t)n : 1);
    if (get_ffi_result(elem, ident) != 0) {
        static const char msg[] = "get_ffi_result failed";
        return_error(500, msg, 21, ident);
        free(elem);
        return;
    }
    return_result(elem, n, ident);
    free(elem);
}
