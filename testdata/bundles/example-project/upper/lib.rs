//! `upper`: answers the body with ASCII letters upper-cased (other bytes unchanged).

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    Ok(input.to_ascii_uppercase())
}
