//! `record-login-event`: the message is `{"user":"ada","at":"2026-11-28T10:00:00Z"}`. Counts the user's
//! logins in the shared cache (`logins:<user>`) and answers `{"user":"ada","logins":3}`.

use atmo::json::{self, Value};
use atmo::{cache, log, RunErr, Runnable};

struct RecordLoginEvent;

impl Runnable for RecordLoginEvent {
    fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let event = json::parse(&input).map_err(|_| RunErr::new(400, "a login event is a JSON object"))?;
        let user = event
            .get("user")
            .and_then(Value::as_str)
            .filter(|u| !u.is_empty())
            .ok_or_else(|| RunErr::new(400, "a login event needs a user"))?;
        let key = format!("logins:{}", user);
        let previous: i64 = cache::get_string(&key).ok().and_then(|v| v.parse().ok()).unwrap_or(0);
        let logins = previous + 1;
        cache::set(&key, logins.to_string().as_bytes(), 0)?;
        log::info(&format!("recorded login {} of {}", logins, user));
        Ok(Value::object().with("user", user).with("logins", logins).to_bytes())
    }
}

atmo::runnable!(RecordLoginEvent);
