//! `customer`: answers the customer's name from an order body
//! (`{"customer":"Ada",...}` gives `Ada`), as plain text with surrounding spaces trimmed. Fails
//! with code 400 when the body has no customer.

#[path = "../../lib/rust/abi.rs"]
mod abi;
#[path = "../../lib/rust/json.rs"]
mod json;

use abi::RunErr;
use json::Value;

fn run(input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let order = json::parse(&input);
    match order
        .as_ref()
        .and_then(|order| order.get("customer"))
        .and_then(Value::as_str)
    {
        Some(name) if !name.trim().is_empty() => Ok(name.trim().as_bytes().to_vec()),
        _ => Err(RunErr::new(400, "invalid order: customer is missing")),
    }
}
