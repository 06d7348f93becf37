//! `greet`: answers `Hello, <name>!` for the state key `name`. The handler maps the customer onto
//! `name` with `with`, so this Runnable sees that one key and none of the rest of the state.

use atmo::{req, RunErr, Runnable};

struct Greet;

impl Runnable for Greet {
    fn run(&self, _input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        // A state key that is not set reads as empty.
        let name = req::state("name")?;
        if name.is_empty() {
            return Err(RunErr::new(500, "greet needs the state key name"));
        }
        Ok(format!("Hello, {}!", name).into_bytes())
    }
}

atmo::runnable!(Greet);
