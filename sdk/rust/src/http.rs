//! Outbound HTTP. Atmo sends the request, follows redirects, adds the credentials the Directive's
//! `authentication` names for the host, and answers the response body. A status above 299 is an
//! error whose text is `<status>: <response body>`.
//!
//! ```ignore
//! let page = atmo::http::get("https://example.com/")?;
//! let created = atmo::http::Request::post("https://api.example.com/items")
//!     .header("Content-Type", "application/json")
//!     .body(br#"{"name":"ada"}"#.to_vec())
//!     .send()?;
//! ```
//!
//! Header names and values cannot contain `:` followed by `:` (`::`), and names cannot contain
//! `:` at all: the ABI carries headers inside the URL string.

use crate::error::HostError;
use crate::ffi::{self, raw};

/// An HTTP method, numbered as the host expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get = 0,
    Head = 1,
    Options = 2,
    Post = 3,
    Put = 4,
    Patch = 5,
    Delete = 6,
}

impl Method {
    /// The method named `name` (upper case, e.g. `GET`).
    pub fn parse(name: &str) -> Option<Method> {
        match name {
            "GET" => Some(Method::Get),
            "HEAD" => Some(Method::Head),
            "OPTIONS" => Some(Method::Options),
            "POST" => Some(Method::Post),
            "PUT" => Some(Method::Put),
            "PATCH" => Some(Method::Patch),
            "DELETE" => Some(Method::Delete),
            _ => None,
        }
    }
}

/// An outbound request: method, URL, headers and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    method: Method,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    pub fn new(method: Method, url: &str) -> Request {
        Request { method, url: String::from(url), headers: Vec::new(), body: Vec::new() }
    }

    pub fn get(url: &str) -> Request {
        Request::new(Method::Get, url)
    }

    pub fn head(url: &str) -> Request {
        Request::new(Method::Head, url)
    }

    pub fn options(url: &str) -> Request {
        Request::new(Method::Options, url)
    }

    pub fn post(url: &str) -> Request {
        Request::new(Method::Post, url)
    }

    pub fn put(url: &str) -> Request {
        Request::new(Method::Put, url)
    }

    pub fn patch(url: &str) -> Request {
        Request::new(Method::Patch, url)
    }

    pub fn delete(url: &str) -> Request {
        Request::new(Method::Delete, url)
    }

    /// Adds a header (a body without `Content-Type` is sent as `application/octet-stream`).
    pub fn header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((String::from(name), String::from(value)));
        self
    }

    pub fn body(mut self, body: Vec<u8>) -> Request {
        self.body = body;
        self
    }

    /// Sends the request and answers the response body.
    pub fn send(&self) -> Result<Vec<u8>, HostError> {
        let mut target = self.url.clone();
        for (name, value) in &self.headers {
            target.push_str("::");
            target.push_str(name);
            target.push(':');
            target.push_str(value);
        }
        let rc = unsafe {
            raw::fetch_url(
                self.method as i32,
                target.as_ptr(),
                ffi::len(target.as_bytes()),
                self.body.as_ptr(),
                ffi::len(&self.body),
                ffi::ident(),
            )
        };
        ffi::slot_result("fetch_url", rc)
    }
}

/// `GET url`, answering the response body.
pub fn get(url: &str) -> Result<Vec<u8>, HostError> {
    Request::get(url).send()
}

/// `HEAD url` (the answer is empty).
pub fn head(url: &str) -> Result<Vec<u8>, HostError> {
    Request::head(url).send()
}

/// `OPTIONS url`.
pub fn options(url: &str) -> Result<Vec<u8>, HostError> {
    Request::options(url).send()
}

/// `POST url` with `body`.
pub fn post(url: &str, body: &[u8]) -> Result<Vec<u8>, HostError> {
    Request::post(url).body(body.to_vec()).send()
}

/// `PUT url` with `body`.
pub fn put(url: &str, body: &[u8]) -> Result<Vec<u8>, HostError> {
    Request::put(url).body(body.to_vec()).send()
}

/// `PATCH url` with `body`.
pub fn patch(url: &str, body: &[u8]) -> Result<Vec<u8>, HostError> {
    Request::patch(url).body(body.to_vec()).send()
}

/// `DELETE url`.
pub fn delete(url: &str) -> Result<Vec<u8>, HostError> {
    Request::delete(url).send()
}
