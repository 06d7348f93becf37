//! `modify-url`: answers `<body>/suborbital`; with an empty body it uses the state key `url`
//! instead (empty when that key is absent).

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let mut base = input;
    if base.is_empty() {
        base = abi::get_field(abi::FIELD_STATE, "url").unwrap_or_default();
    }
    base.extend_from_slice(b"/suborbital");
    Ok(base)
}
