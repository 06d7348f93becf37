//! `summary`: renders the receipt from what the earlier steps left in the state, read with
//! `request_get_field(4, key)`:
//!
//! ```text
//! {"customer":..,"greeting":..,"lines":<priced>,"total":<sum>,"stock":..,"audit":..}
//! ```
//!
//! `customer` and `greeting` become JSON strings; `stock` and `audit` hold JSON (a Runnable's
//! output, or the `{"code":..,"message":..}` of an error the handler continued past) and are
//! embedded as they are. A missing key becomes `null`. Sets `Content-Type: application/json`.

#[path = "../../lib/rust/abi.rs"]
mod abi;
#[path = "../../lib/rust/json.rs"]
mod json;

use abi::RunErr;
use json::Value;

fn run(_input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let priced = abi::state("priced").unwrap_or_else(|| String::from("[]"));
    let total: i64 = match json::parse(priced.as_bytes()) {
        Some(Value::Array(lines)) => lines
            .iter()
            .filter_map(|line| line.get("total").and_then(Value::as_whole))
            .sum(),
        _ => return Err(RunErr::new(500, "priced is not a JSON array")),
    };

    let receipt = format!(
        "{{\"customer\":{},\"greeting\":{},\"lines\":{},\"total\":{},\"stock\":{},\"audit\":{}}}",
        text("customer"),
        text("greeting"),
        priced,
        total,
        embedded("stock"),
        embedded("audit"),
    );
    abi::set_header("Content-Type", "application/json");
    Ok(receipt.into_bytes())
}

/// A state value as a JSON string, or `null`.
fn text(key: &str) -> String {
    abi::state(key).map_or_else(|| String::from("null"), |value| json::quote(&value))
}

/// A state value that already is JSON, as it is; other text as a JSON string; `null` if absent.
fn embedded(key: &str) -> String {
    match abi::state(key) {
        Some(value) if json::parse(value.as_bytes()).is_some() => value,
        Some(value) => json::quote(&value),
        None => String::from("null"),
    }
}
