//! The response. Runnables set headers; the status of a successful response is always 200, and a
//! Runnable chooses another status by failing with [`RunErr`](crate::RunErr)`::new(code, message)`.
//!
//! ```ignore
//! atmo::resp::content_type("application/json");
//! atmo::resp::set_header("Cache-Control", "no-store");
//! ```

use crate::ffi::{self, raw};

/// Sets a response header, replacing one of the same name set earlier in the job. Headers set
/// by a job that fails are not sent.
pub fn set_header(name: &str, value: &str) {
    unsafe {
        raw::resp_set_header(
            name.as_ptr(),
            ffi::len(name.as_bytes()),
            value.as_ptr(),
            ffi::len(value.as_bytes()),
            ffi::ident(),
        )
    }
}

/// Sets the `Content-Type` response header (Atmo sends `application/octet-stream` without one).
pub fn content_type(value: &str) {
    set_header("Content-Type", value)
}
