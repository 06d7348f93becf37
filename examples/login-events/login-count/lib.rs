//! `login-count`: the message is a user name; answers `<user>: <n> logins` from the shared cache.

use atmo::{cache, RunErr, Runnable};

struct LoginCount;

impl Runnable for LoginCount {
    fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let user = String::from_utf8_lossy(&input).trim().to_string();
        if user.is_empty() {
            return Err(RunErr::new(400, "send a user name"));
        }
        // A user without logins is not in the cache: the miss is an error, read as 0.
        let logins = cache::get_string(&format!("logins:{}", user)).unwrap_or_else(|_| String::from("0"));
        Ok(format!("{}: {} logins", user, logins).into_bytes())
    }
}

atmo::runnable!(LoginCount);
