//! Log lines. Atmo writes each one with the Runnable's name and the request id.
//!
//! ```ignore
//! atmo::log::info("order received");
//! atmo::log::error(&format!("stock service answered {}", status));
//! ```

use crate::ffi::{self, raw};

/// The level of a log line, numbered as the host expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error = 1,
    Warn = 2,
    Info = 3,
    Debug = 4,
}

/// Writes `message` at `level`.
pub fn message(level: Level, message: &str) {
    unsafe { raw::log_msg(message.as_ptr(), ffi::len(message.as_bytes()), level as i32, ffi::ident()) }
}

pub fn error(text: &str) {
    message(Level::Error, text)
}

pub fn warn(text: &str) {
    message(Level::Warn, text)
}

pub fn info(text: &str) {
    message(Level::Info, text)
}

pub fn debug(text: &str) {
    message(Level::Debug, text)
}
