//! `repository`: asks a GraphQL API for a repository's `name` and `nameWithOwner`.
//!
//! Served at `POST /repository/:owner/:name`. The request body, when not blank, is the GraphQL endpoint;
//! otherwise it is GitHub's, `https://api.github.com/graphql`. The Runnable never sees a token: Atmo adds
//! the `Authorization` header that the Directive configures for the endpoint's host.

use atmo::{graphql, json, log, req, RunErr, Runnable};

const DEFAULT_ENDPOINT: &str = "https://api.github.com/graphql";

struct Repository;

impl Runnable for Repository {
    fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let body = String::from_utf8_lossy(&input).trim().to_string();
        let endpoint = if body.is_empty() { DEFAULT_ENDPOINT.to_string() } else { body };
        let owner = param("owner", "suborbital");
        let name = param("name", "reactr");
        // a JSON string literal is a valid GraphQL string literal
        let query = format!(
            "{{ repository(owner: {}, name: {}) {{ name, nameWithOwner }} }}",
            json::quote(&owner),
            json::quote(&name)
        );
        graphql::query_raw(&endpoint, &query).map_err(|error| {
            // the caller learns that the query failed; the log says why
            log::warn(&error.to_string());
            RunErr::new(502, &format!("the GraphQL query to {} failed", endpoint))
        })
    }
}

/// A URL parameter of the route, or `default` when it is empty.
fn param(key: &str, default: &str) -> String {
    req::url_param(key)
        .ok()
        .filter(|value| !value.is_empty())
        .unwrap_or_else(|| default.to_string())
}

atmo::runnable!(Repository);
