//! `price-item`: prices one line item inside a `forEach`. Reads the element from the state key
//! `__elem` (`{"sku":"a1","qty":2}`) and answers `{"sku":"a1","qty":2,"total":500}`, the total in
//! cents from a fixed price list. An unknown sku fails with code 404.

use atmo::json::{self, Value};
use atmo::{req, RunErr, Runnable};

/// Unit prices in cents.
const PRICES: &[(&str, i64)] = &[("a1", 250), ("b2", 1000), ("c3", 75), ("out", 500)];

struct PriceItem;

impl Runnable for PriceItem {
    fn run(&self, _input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let element = req::state("__elem")?;
        if element.is_empty() {
            return Err(RunErr::new(500, "price-item runs inside a forEach"));
        }
        let item = json::parse(element.as_bytes()).unwrap_or(Value::Null);
        let (sku, qty) = match (
            item.get("sku").and_then(Value::as_str),
            item.get("qty").and_then(Value::as_i64),
        ) {
            (Some(sku), Some(qty)) => (sku, qty),
            _ => return Err(RunErr::new(400, &format!("not a line item: {}", element))),
        };
        let price = PRICES
            .iter()
            .find(|(known, _)| *known == sku)
            .map(|(_, price)| *price)
            .ok_or_else(|| RunErr::new(404, &format!("unknown sku: {}", sku)))?;
        let line = Value::object()
            .with("sku", sku)
            .with("qty", qty)
            .with("total", price * qty);
        Ok(line.to_bytes())
    }
}

atmo::runnable!(PriceItem);
