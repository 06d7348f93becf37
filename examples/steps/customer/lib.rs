//! `customer`: answers the customer's name from an order body
//! (`{"customer":"Ada",...}` gives `Ada`), as plain text with surrounding spaces trimmed. Fails
//! with code 400 when the body has no customer.

use atmo::json::{self, Value};
use atmo::{RunErr, Runnable};

struct Customer;

impl Runnable for Customer {
    fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let order = json::parse(&input).ok();
        match order
            .as_ref()
            .and_then(|order| order.get("customer"))
            .and_then(Value::as_str)
        {
            Some(name) if !name.trim().is_empty() => Ok(name.trim().as_bytes().to_vec()),
            _ => Err(RunErr::new(400, "invalid order: customer is missing")),
        }
    }
}

atmo::runnable!(Customer);
