//! `greet`: answers `Hello, <name>!` for the state key `name`. The handler maps the customer onto
//! `name` with `with`, so this Runnable sees that one key and none of the rest of the state.

#[path = "../../lib/rust/abi.rs"]
mod abi;

use abi::RunErr;

fn run(_input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    match abi::state("name") {
        Some(name) => Ok(format!("Hello, {}!", name).into_bytes()),
        None => Err(RunErr::new(500, "greet needs the state key name")),
    }
}
