//! Static files of the bundle (the `static/` folder of the project).
//!
//! ```ignore
//! let page = atmo::file::get_static("index.html")?;
//! ```

use crate::error::HostError;
use crate::ffi::{self, raw};

/// The bytes of the static file `name` (a path below `static/`). A missing file is an error whose
/// text is `file does not exist`.
pub fn get_static(name: &str) -> Result<Vec<u8>, HostError> {
    let rc = unsafe { raw::get_static_file(name.as_ptr(), ffi::len(name.as_bytes()), ffi::ident()) };
    ffi::slot_result("get_static_file", rc)
}

/// The static file `name` as text (invalid UTF-8 replaced).
pub fn get_static_string(name: &str) -> Result<String, HostError> {
    get_static(name).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}
