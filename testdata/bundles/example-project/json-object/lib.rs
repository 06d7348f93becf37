//! `json-object`: answers `{"len":<n>}` where n is the body length in bytes.

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    Ok(format!("{{\"len\":{}}}", input.len()).into_bytes())
}
