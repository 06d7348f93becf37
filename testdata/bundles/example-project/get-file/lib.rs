//! `get-file`: answers the bundle's static file named by the URL parameter `file`, or, when
//! that is empty or absent, by the state key `file`; answers `failed` when there is no such file.
//! The name is passed to the host unchanged (the host normalises `static/`, `/` and `./`).

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(_input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let mut name = abi::url_param("file").unwrap_or_default();
    if name.is_empty() {
        name = abi::state("file").unwrap_or_default();
    }
    match abi::static_file(&name) {
        Ok(contents) => Ok(contents),
        Err(_) => Ok(b"failed".to_vec()),
    }
}
