//! The shared cache: in memory, or Redis when the Directive's `connections` name one. Every
//! Runnable of the application sees the same entries.
//!
//! ```ignore
//! let count = atmo::cache::get("visits").ok()
//!     .and_then(|v| String::from_utf8(v).ok())
//!     .and_then(|v| v.parse::<i64>().ok())
//!     .unwrap_or(0) + 1;
//! atmo::cache::set("visits", count.to_string().as_bytes(), 0)?;
//! ```

use crate::error::HostError;
use crate::ffi::{self, raw};

/// The value stored under `key`. A missing key is an error whose text is `key not found`.
pub fn get(key: &str) -> Result<Vec<u8>, HostError> {
    let rc = unsafe { raw::cache_get(key.as_ptr(), ffi::len(key.as_bytes()), ffi::ident()) };
    ffi::slot_result("cache_get", rc)
}

/// The value stored under `key` as text (invalid UTF-8 replaced).
pub fn get_string(key: &str) -> Result<String, HostError> {
    get(key).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// Stores `value` under `key` for `ttl_seconds` seconds; 0 (or less) keeps it until it is
/// overwritten.
pub fn set(key: &str, value: &[u8], ttl_seconds: i32) -> Result<(), HostError> {
    let rc = unsafe {
        raw::cache_set(
            key.as_ptr(),
            ffi::len(key.as_bytes()),
            value.as_ptr(),
            ffi::len(value),
            ttl_seconds,
            ffi::ident(),
        )
    };
    ffi::code_result("cache_set", rc)
}
