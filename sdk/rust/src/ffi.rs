//! The raw Runnable ABI (generation B): the host functions of module `env`, the ident of the
//! running job, and the FFI slot through which the host hands back data.
//!
//! Everyday code never needs this module: [`req`](crate::req), [`http`](crate::http),
//! [`cache`](crate::cache) and the rest wrap every import. It is public for the rare Runnable that
//! must speak the ABI itself (for instance to test a host), and every wrapper is built on it.

use crate::error::HostError;

/// The host functions, exactly as the host declares them: every parameter is an `i32` and the
/// ident of the running job is always last. Calling them is `unsafe` because the host reads and
/// writes guest memory through the pointers given.
pub mod raw {
    #[link(wasm_import_module = "env")]
    extern "C" {
        pub fn return_result(ptr: *const u8, len: i32, ident: i32);
        pub fn return_error(code: i32, ptr: *const u8, len: i32, ident: i32);
        pub fn return_abort(
            msg: *const u8,
            msg_len: i32,
            file: *const u8,
            file_len: i32,
            line: i32,
            column: i32,
            ident: i32,
        );
        pub fn get_ffi_result(ptr: *mut u8, ident: i32) -> i32;
        pub fn add_ffi_var(name: *const u8, name_len: i32, value: *const u8, value_len: i32, ident: i32) -> i32;
        pub fn fetch_url(
            method: i32,
            url: *const u8,
            url_len: i32,
            body: *const u8,
            body_len: i32,
            ident: i32,
        ) -> i32;
        pub fn graphql_query(
            endpoint: *const u8,
            endpoint_len: i32,
            query: *const u8,
            query_len: i32,
            ident: i32,
        ) -> i32;
        pub fn cache_set(key: *const u8, key_len: i32, value: *const u8, value_len: i32, ttl: i32, ident: i32) -> i32;
        pub fn cache_get(key: *const u8, key_len: i32, ident: i32) -> i32;
        pub fn log_msg(ptr: *const u8, len: i32, level: i32, ident: i32);
        pub fn request_get_field(field_type: i32, key: *const u8, key_len: i32, ident: i32) -> i32;
        pub fn request_set_field(
            field_type: i32,
            key: *const u8,
            key_len: i32,
            value: *const u8,
            value_len: i32,
            ident: i32,
        ) -> i32;
        pub fn resp_set_header(key: *const u8, key_len: i32, value: *const u8, value_len: i32, ident: i32);
        pub fn get_static_file(name: *const u8, name_len: i32, ident: i32) -> i32;
        pub fn db_exec(query_type: i32, name: *const u8, name_len: i32, ident: i32) -> i32;
    }
}

static mut IDENT: i32 = 0;
static mut REPORTED: bool = false;

/// The ident the host gave the running job (`run_e`'s third argument).
pub fn ident() -> i32 {
    unsafe { IDENT }
}

/// Called by `run_e` when a job starts.
pub(crate) fn begin_job(ident: i32) {
    unsafe {
        IDENT = ident;
        REPORTED = false;
    }
}

/// Tells the entry point that this job has reported its outcome by hand (with
/// [`raw::return_result`] or [`raw::return_error`]), so it must not report the value `run`
/// returns.
pub fn set_reported() {
    unsafe { REPORTED = true }
}

pub(crate) fn reported() -> bool {
    unsafe { REPORTED }
}

/// The length of a byte string as the ABI passes it.
pub fn len(bytes: &[u8]) -> i32 {
    bytes.len() as i32
}

/// Copies the pending slot of `size` bytes into guest memory. `Err` holds what `get_ffi_result`
/// returned when it failed (`-1`: no slot).
pub fn read_slot(size: usize) -> Result<Vec<u8>, i32> {
    let mut buffer: Vec<u8> = Vec::with_capacity(size);
    let rc = unsafe { raw::get_ffi_result(buffer.as_mut_ptr(), ident()) };
    if rc != 0 {
        return Err(rc);
    }
    unsafe { buffer.set_len(size) };
    Ok(buffer)
}

/// Turns what a slot-producing import returned into its data or its error, the way generation B
/// defines it: `n >= 0` is `n` bytes of data in the slot; `-1` is an unknown error with nothing in
/// the slot; any other negative `-n` is an error text of `n` bytes in the slot.
pub fn slot_result(import: &'static str, rc: i32) -> Result<Vec<u8>, HostError> {
    if rc >= 0 {
        // Only a host that broke the protocol announces data it then does not hand over.
        return read_slot(rc as usize).map_err(|ffi| HostError::unknown("get_ffi_result", ffi));
    }
    if rc == -1 {
        return Err(HostError::unknown(import, rc));
    }
    match read_slot(rc.unsigned_abs() as usize) {
        Ok(text) => Err(HostError::text(import, rc, String::from_utf8_lossy(&text).into_owned())),
        Err(_) => Err(HostError::unknown(import, rc)),
    }
}

/// Turns what an import without slot data returned (`0` on success) into a result.
pub fn code_result(import: &'static str, rc: i32) -> Result<(), HostError> {
    if rc >= 0 {
        Ok(())
    } else {
        Err(HostError::unknown(import, rc))
    }
}
