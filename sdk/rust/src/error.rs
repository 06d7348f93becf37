//! The two error types: [`RunErr`], what a Runnable answers when it fails, and [`HostError`], what
//! a host call answers when it fails.

use std::fmt;

/// The error a Runnable returns from [`Runnable::run`](crate::Runnable::run). Atmo answers the
/// request with HTTP status `code` when it lies in 200..=599 (500 otherwise) and the body
/// `{"status":<code>,"message":"<message>"}`; an `onErr` rule of the Directive can act on the code.
///
/// ```ignore
/// return Err(RunErr::new(404, "no such user"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunErr {
    pub code: i32,
    pub message: String,
}

impl RunErr {
    pub fn new(code: i32, message: &str) -> RunErr {
        RunErr { code, message: String::from(message) }
    }
}

impl fmt::Display for RunErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.message)
    }
}

/// A failed host call becomes error 500 with the host's message, so `?` works in `run`.
impl From<HostError> for RunErr {
    fn from(error: HostError) -> RunErr {
        RunErr { code: 500, message: error.to_string() }
    }
}

/// A body that is not valid JSON becomes error 400, so `?` works on [`json::parse`](crate::json::parse).
impl From<crate::json::JsonError> for RunErr {
    fn from(error: crate::json::JsonError) -> RunErr {
        RunErr { code: 400, message: error.to_string() }
    }
}

/// Why a host call failed: the import, what it returned, and the host's error text when it gave
/// one (`key not found`, `404: nope`, `capability is not enabled`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostError {
    import: &'static str,
    code: i32,
    text: Option<String>,
}

impl HostError {
    pub(crate) fn text(import: &'static str, code: i32, text: String) -> HostError {
        HostError { import, code, text: Some(text) }
    }

    pub(crate) fn unknown(import: &'static str, code: i32) -> HostError {
        HostError { import, code, text: None }
    }

    /// The host function that failed, e.g. `cache_get`.
    pub fn import(&self) -> &'static str {
        self.import
    }

    /// What the host function returned: `-1` for an unknown error, minus the length of the error
    /// text when the host gave one, other negative codes where the ABI defines them.
    pub fn code(&self) -> i32 {
        self.code
    }

    /// The host's error text, when it gave one.
    pub fn host_text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The host's error text, or a description of the code when it gave none.
    pub fn message(&self) -> String {
        match &self.text {
            Some(text) => text.clone(),
            None => format!("unknown error returned from host ({} returned {})", self.import, self.code),
        }
    }
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(text) => write!(f, "{} failed: {}", self.import, text),
            None => write!(f, "{} failed: unknown error returned from host (code {})", self.import, self.code),
        }
    }
}

impl std::error::Error for HostError {}
