//! Hand-written bindings for the ABI-A Runnable interface (reactr v0.11, Suborbital Rust SDK
//! 0.9-0.12), shared by the Rust Runnables of this bundle: they stand for Runnables built with the
//! upstream SDK of that generation. (New Runnables use the project's own crate, `sdk/rust`.) Each
//! Runnable includes this file with `#[path = "../lib/abi.rs"] mod abi;` and defines
//! `fn run(input: Vec<u8>) -> Result<Vec<u8>, abi::RunErr>` at the crate root.
//!
//! Like the SDK, the module exports `memory`, `allocate`, `deallocate`, `init` and `run_e`:
//! * `allocate` leaks a `Vec` of the requested capacity; `deallocate` does not free it.
//! * `init` registers the Runnable; before it has been called every job fails with the SDK's
//!   placeholder error `{500, ""}`.
//! * `run_e` stores the ident, copies the input, calls `run` and reports the outcome with
//!   `return_result` or `return_error`.
//!
//! Host imports come from module `env`; every parameter is an i32 and the ident is always last.
//! Only the imports a Runnable actually uses end up in its module.

#![allow(dead_code)]

use std::slice;

#[link(wasm_import_module = "env")]
extern "C" {
    fn return_result(result_pointer: *const u8, result_size: i32, ident: i32);
    fn return_error(code: i32, result_pointer: *const u8, result_size: i32, ident: i32);
    fn get_ffi_result(pointer: *mut u8, ident: i32) -> i32;
    fn cache_set(
        key_pointer: *const u8,
        key_size: i32,
        value_pointer: *const u8,
        value_size: i32,
        ttl: i32,
        ident: i32,
    ) -> i32;
    fn cache_get(key_pointer: *const u8, key_size: i32, ident: i32) -> i32;
    fn log_msg(pointer: *const u8, size: i32, level: i32, ident: i32);
    fn request_get_field(field_type: i32, key_pointer: *const u8, key_size: i32, ident: i32) -> i32;
    fn resp_set_header(
        key_pointer: *const u8,
        key_size: i32,
        value_pointer: *const u8,
        value_size: i32,
        ident: i32,
    );
    fn get_static_file(name_pointer: *const u8, name_size: i32, ident: i32) -> i32;
    fn graphql_query(
        endpoint_pointer: *const u8,
        endpoint_size: i32,
        query_pointer: *const u8,
        query_size: i32,
        ident: i32,
    ) -> i32;
}

/// An error returned by a Runnable: reported to the host with `return_error(code, message)`.
pub struct RunErr {
    pub code: i32,
    pub message: String,
}

impl RunErr {
    pub fn new(code: i32, message: &str) -> RunErr {
        RunErr {
            code,
            message: String::from(message),
        }
    }
}

/// Field types of `request_get_field`.
pub const FIELD_META: i32 = 0;
pub const FIELD_BODY: i32 = 1;
pub const FIELD_HEADER: i32 = 2;
pub const FIELD_PARAMS: i32 = 3;
pub const FIELD_STATE: i32 = 4;

/// Log levels of `log_msg`.
pub const LOG_ERROR: i32 = 1;
pub const LOG_WARN: i32 = 2;
pub const LOG_INFO: i32 = 3;
pub const LOG_DEBUG: i32 = 4;

static mut CURRENT_IDENT: i32 = 0;
static mut INITIALISED: bool = false;

fn ident() -> i32 {
    unsafe { CURRENT_IDENT }
}

/// Allocates `size` bytes for the host to write the job input into.
#[no_mangle]
pub extern "C" fn allocate(size: i32) -> *mut u8 {
    let mut buffer: Vec<u8> = Vec::with_capacity(size as usize);
    let pointer = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    pointer
}

/// Called by the host after `run_e`; like the SDK it does not free the input buffer.
#[no_mangle]
pub unsafe extern "C" fn deallocate(pointer: *const u8, size: i32) {
    let _ = slice::from_raw_parts(pointer, size as usize);
}

/// Called once per instance by the host; the SDK registers the Runnable here.
#[no_mangle]
pub extern "C" fn init() {
    unsafe {
        INITIALISED = true;
    }
}

/// Entry point of one job.
#[no_mangle]
pub unsafe extern "C" fn run_e(pointer: *const u8, size: i32, ident: i32) {
    CURRENT_IDENT = ident;

    let input = slice::from_raw_parts(pointer, size as usize).to_vec();
    let outcome = if INITIALISED {
        crate::run(input)
    } else {
        Err(RunErr::new(500, ""))
    };

    match outcome {
        Ok(output) => return_result(output.as_ptr(), output.len() as i32, CURRENT_IDENT),
        Err(err) => return_error(
            err.code,
            err.message.as_ptr(),
            err.message.len() as i32,
            CURRENT_IDENT,
        ),
    }
}

/// Fetches the pending FFI result of `size` bytes (called for size 0 too, like the SDK).
fn ffi_result(size: i32) -> Result<Vec<u8>, i32> {
    let mut buffer: Vec<u8> = Vec::with_capacity(size as usize);
    let code = unsafe { get_ffi_result(buffer.as_mut_ptr(), ident()) };
    if code != 0 {
        return Err(code);
    }
    unsafe { buffer.set_len(size as usize) };
    Ok(buffer)
}

/// Turns the return value of a slot-producing import into the slot bytes or the negative code.
fn slot(size: i32) -> Result<Vec<u8>, i32> {
    if size < 0 {
        Err(size)
    } else {
        ffi_result(size)
    }
}

/// Reports a finished job's output directly (normally `run_e` does this with `run`'s result).
pub fn report_result(output: &[u8]) {
    unsafe { return_result(output.as_ptr(), output.len() as i32, ident()) }
}

/// Reports a job error directly (normally `run_e` does this with `run`'s error).
pub fn report_error(code: i32, message: &str) {
    unsafe { return_error(code, message.as_ptr(), message.len() as i32, ident()) }
}

/// Writes a log line at the given level (1 error, 2 warn, 3 info, 4 debug).
pub fn log(level: i32, message: &str) {
    unsafe { log_msg(message.as_ptr(), message.len() as i32, level, ident()) }
}

/// Reads a request field; `Err` carries the host's negative return value. Like the SDK, a
/// negative return is logged at debug level.
pub fn get_field(field_type: i32, key: &str) -> Result<Vec<u8>, i32> {
    let size = unsafe { request_get_field(field_type, key.as_ptr(), key.len() as i32, ident()) };
    let result = slot(size);
    if let Err(code) = result {
        log(LOG_DEBUG, &format!("failed to request_get_field: {}", code));
    }
    result
}

/// A request field as text (lossy UTF-8), or `None` when the host returned a negative value.
pub fn get_field_string(field_type: i32, key: &str) -> Option<String> {
    get_field(field_type, key)
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// Meta field of the request: `method`, `url`, `id` or `body`.
pub fn meta(key: &str) -> Option<String> {
    get_field_string(FIELD_META, key)
}

/// Request header by its canonical name (e.g. `Content-Type`).
pub fn header(key: &str) -> Option<String> {
    get_field_string(FIELD_HEADER, key)
}

/// URL parameter by name.
pub fn url_param(key: &str) -> Option<String> {
    get_field_string(FIELD_PARAMS, key)
}

/// Handler state value by key.
pub fn state(key: &str) -> Option<String> {
    get_field_string(FIELD_STATE, key)
}

/// Sets a response header.
pub fn set_header(key: &str, value: &str) {
    unsafe {
        resp_set_header(
            key.as_ptr(),
            key.len() as i32,
            value.as_ptr(),
            value.len() as i32,
            ident(),
        )
    }
}

/// A static file of the bundle; `Err` carries the host's negative return value. Like the SDK, a
/// negative return is logged at debug level.
pub fn static_file(name: &str) -> Result<Vec<u8>, i32> {
    let size = unsafe { get_static_file(name.as_ptr(), name.len() as i32, ident()) };
    let result = slot(size);
    if let Err(code) = result {
        log(LOG_DEBUG, &format!("failed to get_static_file: {}", code));
    }
    result
}

/// Stores a value in the shared cache (`ttl` seconds, 0 = no expiry); returns the host's code.
pub fn cache_put(key: &str, value: &[u8], ttl: i32) -> i32 {
    unsafe {
        cache_set(
            key.as_ptr(),
            key.len() as i32,
            value.as_ptr(),
            value.len() as i32,
            ttl,
            ident(),
        )
    }
}

/// Reads a value from the shared cache; `Err` carries the host's negative return value.
pub fn cache_fetch(key: &str) -> Result<Vec<u8>, i32> {
    let size = unsafe { cache_get(key.as_ptr(), key.len() as i32, ident()) };
    slot(size)
}

/// Sends a GraphQL query to `endpoint` and returns the answer (`{"data":...}`, keys sorted). The host
/// adds the `Authorization` header configured for the endpoint's host. `Err` carries the host's
/// negative return value, -1 for every kind of failure in this ABI.
pub fn graphql(endpoint: &str, query: &str) -> Result<Vec<u8>, i32> {
    let size = unsafe {
        graphql_query(
            endpoint.as_ptr(),
            endpoint.len() as i32,
            query.as_ptr(),
            query.len() as i32,
            ident(),
        )
    };
    slot(size)
}
