//! `tick`: a schedule's Runnable. State `name` (default `tick`) names the counter and `sleep` how many
//! milliseconds each run lasts. Counts runs in the cache under `<name>.count` and records in
//! `<name>.overlap` whether a run started while another was still going (`<name>.running`).

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;
use std::time::{Duration, Instant};

fn run(_input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let name = abi::state("name").unwrap_or_else(|| String::from("tick"));
    let sleep: u64 = abi::state("sleep").and_then(|s| s.trim().parse().ok()).unwrap_or(0);
    let running = format!("{}.running", name);
    if abi::cache_fetch(&running).map(|v| v == b"1").unwrap_or(false) {
        abi::cache_put(&format!("{}.overlap", name), b"1", 0);
    }
    abi::cache_put(&running, b"1", 0);
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(sleep) {
        std::hint::spin_loop();
    }
    let count_key = format!("{}.count", name);
    let count: u64 = abi::cache_fetch(&count_key)
        .ok()
        .and_then(|v| String::from_utf8(v).ok())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
        + 1;
    abi::cache_put(&count_key, count.to_string().as_bytes(), 0);
    abi::cache_put(&running, b"0", 0);
    Ok(format!("tick {}", count).into_bytes())
}
