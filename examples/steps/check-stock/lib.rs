//! `check-stock`: checks the line items in the state key `items` against a fixed stock list and
//! answers `{"reserved":<total qty>}`. Fails with code 409 when a line asks for more than is in
//! stock (checked first, for every line), and with code 404 when a sku has no stock record
//! (made-to-order items such as `c3`).

use atmo::json::{self, Value};
use atmo::{req, RunErr, Runnable};

/// Units in stock per sku; a sku missing here has no stock record.
const STOCK: &[(&str, i64)] = &[("a1", 10), ("b2", 5), ("out", 0)];

struct CheckStock;

impl Runnable for CheckStock {
    fn run(&self, _input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let items = req::state("items")
            .ok()
            .and_then(|text| json::parse(text.as_bytes()).ok())
            .ok_or_else(|| RunErr::new(500, "check-stock needs the state key items"))?;
        let mut lines = Vec::new();
        for item in items.as_array().unwrap_or(&[]) {
            let sku = item.get("sku").and_then(Value::as_str).unwrap_or("");
            let qty = item.get("qty").and_then(Value::as_i64).unwrap_or(0);
            lines.push((sku, qty, in_stock(sku)));
        }

        for (sku, qty, left) in &lines {
            if let Some(left) = left {
                if qty > left {
                    let message = format!("not enough stock for {}: {} left", sku, left);
                    return Err(RunErr::new(409, &message));
                }
            }
        }
        if let Some((sku, _, _)) = lines.iter().find(|(_, _, left)| left.is_none()) {
            return Err(RunErr::new(404, &format!("no stock record for {}", sku)));
        }
        let reserved: i64 = lines.iter().map(|(_, qty, _)| qty).sum();
        Ok(Value::object().with("reserved", reserved).to_bytes())
    }
}

fn in_stock(sku: &str) -> Option<i64> {
    STOCK
        .iter()
        .find(|(known, _)| *known == sku)
        .map(|(_, left)| *left)
}

atmo::runnable!(CheckStock);
