//! `counter`: keeps a counter in linear memory; every job increments it and answers the new
//! value in decimal (`1`, `2`, ...). Shows whether jobs reuse the same instance.

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

static mut COUNTER: u64 = 0;

fn run(_input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let value = unsafe {
        COUNTER += 1;
        COUNTER
    };
    Ok(value.to_string().into_bytes())
}
