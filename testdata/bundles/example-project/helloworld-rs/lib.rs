//! `helloworld-rs`: answers `hello <body>`.

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let mut output = b"hello ".to_vec();
    output.extend_from_slice(&input);
    Ok(output)
}
