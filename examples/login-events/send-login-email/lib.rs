//! `send-login-email`: reads what `record-login-event` stored in the state and answers the e-mail it
//! would send: `{"to":"ada@example.com","subject":"New sign-in to your account","logins":3}`.

#[path = "../../lib/rust/abi.rs"]
mod abi;
#[path = "../../lib/rust/json.rs"]
mod json;

use abi::RunErr;

fn run(_input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let recorded = abi::state("record-login-event")
        .ok_or_else(|| RunErr::new(500, "send-login-email runs after record-login-event"))?;
    let record = json::parse(recorded.as_bytes()).ok_or_else(|| RunErr::new(500, "the recorded login is not JSON"))?;
    let user = record.get("user").and_then(|u| u.as_str()).unwrap_or("");
    let logins = record.get("logins").and_then(|l| l.as_whole()).unwrap_or(0);
    let subject = if logins == 1 { "Welcome! This is your first sign-in" } else { "New sign-in to your account" };
    Ok(format!(
        "{{\"to\":{},\"subject\":{},\"logins\":{}}}",
        json::quote(&format!("{}@example.com", user)),
        json::quote(subject),
        logins
    )
    .into_bytes())
}
