//! `record-login-event`: the message is `{"user":"ada","at":"2026-11-28T10:00:00Z"}`. Counts the user's
//! logins in the shared cache (`logins:<user>`) and answers `{"user":"ada","logins":3}`.

#[path = "../../lib/rust/abi.rs"]
mod abi;
#[path = "../../lib/rust/json.rs"]
mod json;

use abi::RunErr;

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let event = json::parse(&input).ok_or_else(|| RunErr::new(400, "a login event is a JSON object"))?;
    let user = event
        .get("user")
        .and_then(|u| u.as_str())
        .filter(|u| !u.is_empty())
        .ok_or_else(|| RunErr::new(400, "a login event needs a user"))?;
    let key = format!("logins:{}", user);
    let previous: i64 = abi::cache_fetch(&key)
        .ok()
        .and_then(|v| String::from_utf8(v).ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let logins = previous + 1;
    abi::cache_put(&key, logins.to_string().as_bytes(), 0);
    abi::log(3, &format!("recorded login {} of {}", logins, user));
    Ok(format!("{{\"user\":{},\"logins\":{}}}", json::quote(user), logins).into_bytes())
}
