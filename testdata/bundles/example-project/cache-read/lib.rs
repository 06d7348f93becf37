//! `cache-read`: the body is a cache key; answers its value, or `<absent>` when the key is not set.

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let key = String::from_utf8_lossy(&input).trim().to_string();
    Ok(abi::cache_fetch(&key).unwrap_or_else(|_| b"<absent>".to_vec()))
}
