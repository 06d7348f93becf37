//! `send-login-email`: reads what `record-login-event` stored in the state and answers the e-mail it
//! would send: `{"to":"ada@example.com","subject":"New sign-in to your account","logins":3}`.

use atmo::json::{self, Value};
use atmo::{req, RunErr, Runnable};

struct SendLoginEmail;

impl Runnable for SendLoginEmail {
    fn run(&self, _input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let recorded = req::state("record-login-event")?;
        if recorded.is_empty() {
            return Err(RunErr::new(500, "send-login-email runs after record-login-event"));
        }
        let record = json::parse(recorded.as_bytes())
            .map_err(|_| RunErr::new(500, "the recorded login is not JSON"))?;
        let user = record.get("user").and_then(Value::as_str).unwrap_or("");
        let logins = record.get("logins").and_then(Value::as_i64).unwrap_or(0);
        let subject = if logins == 1 { "Welcome! This is your first sign-in" } else { "New sign-in to your account" };
        let email = Value::object()
            .with("to", format!("{}@example.com", user))
            .with("subject", subject)
            .with("logins", logins);
        Ok(email.to_bytes())
    }
}

atmo::runnable!(SendLoginEmail);
