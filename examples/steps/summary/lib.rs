//! `summary`: renders the receipt from what the earlier steps left in the state, read with
//! `atmo::req::state`:
//!
//! ```text
//! {"customer":..,"greeting":..,"lines":<priced>,"total":<sum>,"stock":..,"audit":..}
//! ```
//!
//! `customer` and `greeting` become JSON strings; `stock` and `audit` hold JSON (a Runnable's
//! output, or the `{"code":..,"message":..}` of an error the handler continued past) and are
//! embedded as they are. A missing key becomes `null`. Sets `Content-Type: application/json`.

use atmo::json::{self, Value};
use atmo::{req, resp, RunErr, Runnable};

struct Summary;

impl Runnable for Summary {
    fn run(&self, _input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let priced = state("priced")
            .map(|text| json::parse(text.as_bytes()))
            .unwrap_or_else(|| Ok(Value::array()));
        let lines = match priced {
            Ok(lines @ Value::Array(_)) => lines,
            _ => return Err(RunErr::new(500, "priced is not a JSON array")),
        };
        let total: i64 = lines
            .as_array()
            .unwrap_or(&[])
            .iter()
            .filter_map(|line| line.get("total").and_then(Value::as_i64))
            .sum();

        let receipt = Value::object()
            .with("customer", state("customer"))
            .with("greeting", state("greeting"))
            .with("lines", lines)
            .with("total", total)
            .with("stock", embedded("stock"))
            .with("audit", embedded("audit"));
        resp::set_header("Content-Type", "application/json");
        Ok(receipt.to_bytes())
    }
}

/// A state value, or `None` when the key is not set (it reads as empty).
fn state(key: &str) -> Option<String> {
    req::state(key).ok().filter(|value| !value.is_empty())
}

/// A state value that already is JSON, as it is; other text as a JSON string; `null` if absent.
fn embedded(key: &str) -> Value {
    match state(key) {
        Some(text) => json::parse(text.as_bytes()).unwrap_or(Value::String(text)),
        None => Value::Null,
    }
}

atmo::runnable!(Summary);
