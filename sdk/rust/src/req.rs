//! The request the job belongs to: read its parts, and change them for the steps that follow.
//!
//! A missing header, URL parameter, query parameter or state key reads as an empty value. Reading
//! in a job that is not a request (a schedule, a stream message) is an error.
//!
//! ```ignore
//! let method = atmo::req::method()?;           // "POST"
//! let user = atmo::req::url_param("user")?;    // from a route such as /users/:user
//! let page = atmo::req::query_param("page")?;  // from ?page=2
//! let agent = atmo::req::header("User-Agent")?; // any case
//! let name = atmo::req::body_field("name")?;   // a string field of a JSON body
//! atmo::req::set_state("greeting", b"hello")?;
//! ```

use crate::error::HostError;
use crate::ffi::{self, raw};

/// The parts of a request, numbered as the host expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `method`, `url`, `id` or `body`.
    Meta = 0,
    /// A string field of the JSON body.
    Body = 1,
    /// A header, by name in any case.
    Header = 2,
    /// A URL parameter of the route (`/users/:user`).
    Param = 3,
    /// A state value of the handler.
    State = 4,
    /// A query parameter of the URL (`?page=2`).
    Query = 5,
}

/// The raw bytes of one part of the request.
pub fn field(field: Field, key: &str) -> Result<Vec<u8>, HostError> {
    let rc = unsafe { raw::request_get_field(field as i32, key.as_ptr(), ffi::len(key.as_bytes()), ffi::ident()) };
    ffi::slot_result("request_get_field", rc)
}

/// Changes one part of the request. The next steps of the handler, and this job's later reads,
/// see the change. (`Field::Query` cannot be set: change the `url` instead.)
pub fn set_field(field: Field, key: &str, value: &[u8]) -> Result<(), HostError> {
    let rc = unsafe {
        raw::request_set_field(
            field as i32,
            key.as_ptr(),
            ffi::len(key.as_bytes()),
            value.as_ptr(),
            ffi::len(value),
            ffi::ident(),
        )
    };
    // Success leaves an empty slot, which must be fetched before the next call.
    ffi::slot_result("request_set_field", rc).map(|_| ())
}

fn text(part: Field, key: &str) -> Result<String, HostError> {
    field(part, key).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// The HTTP method, e.g. `GET`.
pub fn method() -> Result<String, HostError> {
    text(Field::Meta, "method")
}

/// The URL path and query, e.g. `/users/ada?page=2`.
pub fn url() -> Result<String, HostError> {
    text(Field::Meta, "url")
}

/// The request id Atmo gave the request (also in its log lines).
pub fn id() -> Result<String, HostError> {
    text(Field::Meta, "id")
}

/// The request body. (`run` gets the same bytes as its input.)
pub fn body() -> Result<Vec<u8>, HostError> {
    field(Field::Meta, "body")
}

/// A string field of the JSON object in the body. An empty body reads as empty; a field that is
/// missing or not a string, or a body that is not a JSON object, is an error.
pub fn body_field(key: &str) -> Result<String, HostError> {
    text(Field::Body, key)
}

/// A request header, by name in any case.
pub fn header(name: &str) -> Result<String, HostError> {
    text(Field::Header, name)
}

/// A URL parameter of the route, e.g. `user` of `/users/:user`.
pub fn url_param(name: &str) -> Result<String, HostError> {
    text(Field::Param, name)
}

/// A query parameter of the URL, decoded, e.g. `page` of `?page=2`.
pub fn query_param(name: &str) -> Result<String, HostError> {
    text(Field::Query, name)
}

/// A value of the handler's state (what earlier steps answered, by their name or `as`).
pub fn state(key: &str) -> Result<String, HostError> {
    text(Field::State, key)
}

/// A value of the handler's state as bytes.
pub fn state_raw(key: &str) -> Result<Vec<u8>, HostError> {
    field(Field::State, key)
}

/// Sets a value of the handler's state.
pub fn set_state(key: &str, value: &[u8]) -> Result<(), HostError> {
    set_field(Field::State, key, value)
}

/// Replaces the request's method.
pub fn set_method(method: &str) -> Result<(), HostError> {
    set_field(Field::Meta, "method", method.as_bytes())
}

/// Replaces the request's URL (path and query).
pub fn set_url(url: &str) -> Result<(), HostError> {
    set_field(Field::Meta, "url", url.as_bytes())
}

/// Replaces the request's body.
pub fn set_body(body: &[u8]) -> Result<(), HostError> {
    set_field(Field::Meta, "body", body)
}

/// Sets a string field of the JSON object in the body (the body is re-written with sorted keys).
pub fn set_body_field(key: &str, value: &str) -> Result<(), HostError> {
    set_field(Field::Body, key, value.as_bytes())
}

/// Sets a request header.
pub fn set_header(name: &str, value: &str) -> Result<(), HostError> {
    set_field(Field::Header, name, value.as_bytes())
}

/// Sets a URL parameter.
pub fn set_url_param(name: &str, value: &str) -> Result<(), HostError> {
    set_field(Field::Param, name, value.as_bytes())
}
