//! `hello`: answers every job with `hello <input>`. Written with the project's Rust SDK
//! (`sdk/rust`), which generates the exports Atmo calls.

use atmo::{RunErr, Runnable};

struct Hello;

impl Runnable for Hello {
    fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let mut output = b"hello ".to_vec();
        output.extend_from_slice(&input);
        Ok(output)
    }
}

atmo::runnable!(Hello);
