//! `echo-state`: the body is a comma-separated list of state keys (spaces around keys are
//! trimmed, empty entries skipped). Answers one line per key, `key=<value>`, or `key=<absent>`
//! when `request_get_field(4, key)` returns a negative value; lines are joined with `\n`
//! (no trailing newline).

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let body = String::from_utf8_lossy(&input).into_owned();
    let mut lines: Vec<String> = Vec::new();
    for key in body.split(',').map(str::trim).filter(|key| !key.is_empty()) {
        let value = abi::state(key).unwrap_or_else(|| String::from("<absent>"));
        lines.push(format!("{}={}", key, value));
    }
    Ok(lines.join("\n").into_bytes())
}
