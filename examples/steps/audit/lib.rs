//! `audit`: stands for an audit log that is down. Every job fails with code 503,
//! `audit offline`; handlers run it with `onErr: {any: continue}`, so the error is recorded in
//! the state instead of failing the request.

use atmo::{RunErr, Runnable};

struct Audit;

impl Runnable for Audit {
    fn run(&self, _input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        Err(RunErr::new(503, "audit offline"))
    }
}

atmo::runnable!(Audit);
