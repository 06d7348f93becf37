//! `price-item`: prices one line item inside a `forEach`. Reads the element from the state key
//! `__elem` (`{"sku":"a1","qty":2}`) and answers `{"sku":"a1","qty":2,"total":500}`, the total in
//! cents from a fixed price list. An unknown sku fails with code 404.

#[path = "../../lib/rust/abi.rs"]
mod abi;
#[path = "../../lib/rust/json.rs"]
mod json;

use abi::RunErr;
use json::Value;

/// Unit prices in cents.
const PRICES: &[(&str, i64)] = &[("a1", 250), ("b2", 1000), ("c3", 75), ("out", 500)];

fn run(_input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let element =
        abi::state("__elem").ok_or_else(|| RunErr::new(500, "price-item runs inside a forEach"))?;
    let item = json::parse(element.as_bytes()).unwrap_or(Value::Null);
    let (sku, qty) = match (
        item.get("sku").and_then(Value::as_str),
        item.get("qty").and_then(Value::as_whole),
    ) {
        (Some(sku), Some(qty)) => (sku, qty),
        _ => return Err(RunErr::new(400, &format!("not a line item: {}", element))),
    };
    let price = PRICES
        .iter()
        .find(|(known, _)| *known == sku)
        .map(|(_, price)| *price)
        .ok_or_else(|| RunErr::new(404, &format!("unknown sku: {}", sku)))?;
    let line = format!(
        "{{\"sku\":{},\"qty\":{},\"total\":{}}}",
        json::quote(sku),
        qty,
        price * qty
    );
    Ok(line.into_bytes())
}
