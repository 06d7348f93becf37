//! `visit`: greets a visitor with a quote fetched from another service and counts the visits.
//!
//! Served at `POST /visit/:name`; the request body is the URL of the quote service.
//! Answers `{"name":"ada","quote":"...","visits":2}`.

use atmo::json::Value;
use atmo::{cache, http, log, req, resp, RunErr, Runnable};

struct Visit;

impl Runnable for Visit {
    fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let service = String::from_utf8_lossy(&input).trim().to_string();
        if service.is_empty() {
            return Err(RunErr::new(400, "send the URL of the quote service as the body"));
        }
        let name = req::url_param("name")?;

        // `?` turns a failed call into an error 500 with the host's message
        let quote = http::get(&service)?;

        let key = format!("visits:{}", name);
        let visits = cache::get_string(&key).ok().and_then(|n| n.parse::<i64>().ok()).unwrap_or(0) + 1;
        cache::set(&key, visits.to_string().as_bytes(), 0)?;
        log::info(&format!("visit {} from {}", visits, name));

        resp::content_type("application/json");
        let answer = Value::object()
            .with("name", name)
            .with("quote", String::from_utf8_lossy(&quote).trim())
            .with("visits", visits);
        Ok(answer.to_bytes())
    }
}

atmo::runnable!(Visit);
