//! `run-each`: reads the forEach element from the state key `__elem` (a JSON object such as
//! `{"name":"Connor"}`) and answers `{"name":"Hello Connor"}`.

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(_input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let elem = match abi::state("__elem") {
        Some(elem) => elem,
        None => return Err(RunErr::new(500, "__elem is not present in state")),
    };
    let name = match string_member(&elem, "name") {
        Some(name) => name,
        None => return Err(RunErr::new(500, "__elem has no string member name")),
    };
    Ok(format!("{{\"name\":\"Hello {}\"}}", name).into_bytes())
}

/// Finds `"<key>": "<value>"` in a JSON object text and returns the value as written (escape
/// sequences are kept, so the result can be embedded in a JSON string again).
fn string_member<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let pattern = format!("\"{}\"", key);
    let mut from = 0;
    while let Some(found) = json[from..].find(&pattern) {
        let after_key = from + found + pattern.len();
        let rest = json[after_key..].trim_start();
        if let Some(rest) = rest.strip_prefix(':') {
            let rest = rest.trim_start();
            if let Some(value) = rest.strip_prefix('"') {
                return string_body(value);
            }
            return None;
        }
        from = after_key;
    }
    None
}

/// The text of a JSON string up to (not including) its closing quote.
fn string_body(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(&text[..i]),
            _ => i += 1,
        }
    }
    None
}
