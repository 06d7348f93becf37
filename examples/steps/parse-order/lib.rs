//! `parse-order`: checks an order body such as
//! `{"customer":"Ada","items":[{"sku":"a1","qty":2}]}` and answers its line items as a compact
//! JSON array, `[{"sku":"a1","qty":2}]`, ready for a `forEach`. A body that is not a valid order
//! fails with code 400 and a message naming the first problem.

use atmo::json::{self, Value};
use atmo::{RunErr, Runnable};

/// The most of one sku a single line may ask for.
const MAX_QTY: i64 = 100;

struct ParseOrder;

impl Runnable for ParseOrder {
    fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let order = json::parse(&input).map_err(|_| invalid("the body is not JSON"))?;
        match order.get("customer").and_then(Value::as_str) {
            Some(name) if !name.trim().is_empty() => {}
            _ => return Err(invalid("customer is missing")),
        }
        let items = match order.get("items").and_then(Value::as_array) {
            Some(items) if !items.is_empty() => items,
            _ => return Err(invalid("items must be a non-empty list")),
        };

        let mut lines = Value::array();
        for (index, item) in items.iter().enumerate() {
            let line = index + 1;
            let sku = match item.get("sku").and_then(Value::as_str) {
                Some(sku) if !sku.is_empty() => sku,
                _ => return Err(invalid(&format!("item {} has no sku", line))),
            };
            let qty = match item.get("qty").and_then(Value::as_i64) {
                Some(qty) if (1..=MAX_QTY).contains(&qty) => qty,
                _ => {
                    let problem = format!("item {} needs a qty from 1 to {}", line, MAX_QTY);
                    return Err(invalid(&problem));
                }
            };
            lines = lines.push(Value::object().with("sku", sku).with("qty", qty));
        }
        Ok(lines.to_bytes())
    }
}

fn invalid(problem: &str) -> RunErr {
    RunErr::new(400, &format!("invalid order: {}", problem))
}

atmo::runnable!(ParseOrder);
