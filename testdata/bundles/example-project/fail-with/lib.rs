//! `fail-with`: the body is `<code>` or `<code> <message>` (decimal i32 code, message up to the
//! end of the body); always fails with that code and message, e.g. `201 created-but-error`.
//! A body that does not start with a number fails with code 400 and `invalid code: <body>`.

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let body = String::from_utf8_lossy(&input).into_owned();
    let (code_text, message) = match body.find(' ') {
        Some(space) => (&body[..space], &body[space + 1..]),
        None => (body.as_str(), ""),
    };
    match code_text.trim().parse::<i32>() {
        Ok(code) => Err(RunErr::new(code, message)),
        Err(_) => Err(RunErr::new(400, &format!("invalid code: {}", body))),
    }
}
