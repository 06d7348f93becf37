//! `return-err`: always fails with `{code: 400, message: "job failed"}`.

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(_input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    Err(RunErr::new(400, "job failed"))
}
