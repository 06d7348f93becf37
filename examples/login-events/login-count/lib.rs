//! `login-count`: the message is a user name; answers `<user>: <n> logins` from the shared cache.

#[path = "../../lib/rust/abi.rs"]
mod abi;

use abi::RunErr;

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let user = String::from_utf8_lossy(&input).trim().to_string();
    if user.is_empty() {
        return Err(RunErr::new(400, "send a user name"));
    }
    let logins = abi::cache_fetch(&format!("logins:{}", user))
        .ok()
        .and_then(|v| String::from_utf8(v).ok())
        .unwrap_or_else(|| String::from("0"));
    Ok(format!("{}: {} logins", user, logins).into_bytes())
}
