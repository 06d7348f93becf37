//! `slow`: the body is a number of milliseconds; busy-waits that long (measured with
//! `std::time::Instant`, i.e. WASI `clock_time_get`) and answers `slept <ms>`. An empty body
//! means 0; a body that is not a number fails with code 400.

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;
use std::time::{Duration, Instant};

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let body = String::from_utf8_lossy(&input).into_owned();
    let text = body.trim();
    let millis: u64 = if text.is_empty() {
        0
    } else {
        match text.parse() {
            Ok(millis) => millis,
            Err(_) => return Err(RunErr::new(400, &format!("invalid duration: {}", text))),
        }
    };

    let start = Instant::now();
    let wait = Duration::from_millis(millis);
    while start.elapsed() < wait {
        std::hint::spin_loop();
    }

    Ok(format!("slept {}", millis).into_bytes())
}
