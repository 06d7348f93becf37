//! `set-header`: the body holds response headers, one `Name: value` per line (LF or CRLF;
//! blank lines are skipped; name and value are trimmed). Sets each with `resp_set_header`
//! in order and answers `ok`. A non-blank line without `:` fails with code 400.

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let body = String::from_utf8_lossy(&input).into_owned();
    for line in body.lines() {
        if line.trim().is_empty() {
            continue;
        }
        match line.find(':') {
            Some(colon) => abi::set_header(line[..colon].trim(), line[colon + 1..].trim()),
            None => return Err(RunErr::new(400, &format!("invalid header line: {}", line))),
        }
    }
    Ok(b"ok".to_vec())
}
