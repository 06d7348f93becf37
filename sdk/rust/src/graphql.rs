//! GraphQL queries. Atmo sends `POST <endpoint>` with `{"query": ...}`, adds the credentials the
//! Directive's `authentication` names for the endpoint's host, and answers the response.
//!
//! ```ignore
//! let answer = atmo::graphql::query("https://api.github.com/graphql",
//!     "{ repository(owner: \"suborbital\", name: \"reactr\") { name } }")?;
//! let name = answer.get("data").and_then(|d| d.get("repository"))
//!     .and_then(|r| r.get("name")).and_then(|n| n.as_str());
//! ```

use crate::error::HostError;
use crate::ffi::{self, raw};
use crate::json::{self, Value};

/// Sends `query` to `endpoint` and answers the response body, `{"data":{...}}` with its keys
/// sorted. GraphQL errors and non-200 answers are errors with the host's text.
pub fn query_raw(endpoint: &str, query: &str) -> Result<Vec<u8>, HostError> {
    let rc = unsafe {
        raw::graphql_query(
            endpoint.as_ptr(),
            ffi::len(endpoint.as_bytes()),
            query.as_ptr(),
            ffi::len(query.as_bytes()),
            ffi::ident(),
        )
    };
    ffi::slot_result("graphql_query", rc)
}

/// Sends `query` to `endpoint` and answers the response parsed as JSON.
pub fn query(endpoint: &str, query: &str) -> Result<Value, HostError> {
    let body = query_raw(endpoint, query)?;
    json::parse(&body).map_err(|e| HostError::text("graphql_query", -1, e.to_string()))
}
