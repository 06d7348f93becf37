//! The {{name}} Runnable. Atmo calls `run` once per request, with the request body as `input`;
//! what `run` returns becomes the response body.

use atmo::{log, RunErr, Runnable};

struct Hello;

impl Runnable for Hello {
    fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let name = String::from_utf8_lossy(&input);
        log::info(&format!("saying hello to {}", name));

        // Err(RunErr::new(400, "...")) would answer HTTP 400 with that message instead.
        Ok(format!("hello {}", name).into_bytes())
    }
}

// Makes this crate a Runnable module (it generates the functions Atmo calls).
atmo::runnable!(Hello);
