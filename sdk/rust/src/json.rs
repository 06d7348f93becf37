//! A small JSON library: parse bytes into a [`Value`] tree with typed accessors, build values and
//! write them out with correct escaping.
//!
//! ```ignore
//! use atmo::json::{self, Value};
//!
//! let order = json::parse(br#"{"customer":"Ada","items":[{"sku":"a1","qty":2}]}"#)?;
//! let customer = order.get("customer").and_then(Value::as_str).unwrap_or("");
//! let first_qty = order.get("items").and_then(|i| i.at(0)).and_then(|i| i.get("qty"))
//!     .and_then(Value::as_i64);
//!
//! let answer = Value::object()
//!     .with("customer", customer)
//!     .with("lines", 1)
//!     .with("tags", Value::array().push("new").push("paid"));
//! assert_eq!(answer.to_string(), r#"{"customer":"Ada","lines":1,"tags":["new","paid"]}"#);
//! ```

use std::fmt;

/// A JSON value. Objects keep their keys in the order they were parsed or added; numbers without
/// a fraction or exponent that fit an `i64` are [`Value::Int`], the others [`Value::Float`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// An empty object, to fill with [`Value::with`].
    pub fn object() -> Value {
        Value::Object(Vec::new())
    }

    /// An empty array, to fill with [`Value::push`].
    pub fn array() -> Value {
        Value::Array(Vec::new())
    }

    /// This object with `key` set to `value` (replacing an earlier value of that key).
    /// On a value that is not an object, it is returned unchanged.
    pub fn with<V: Into<Value>>(mut self, key: &str, value: V) -> Value {
        self.insert(key, value);
        self
    }

    /// This array with `value` appended. On a value that is not an array, it is returned unchanged.
    pub fn push<V: Into<Value>>(mut self, value: V) -> Value {
        if let Value::Array(items) = &mut self {
            items.push(value.into());
        }
        self
    }

    /// Sets `key` of this object to `value`, replacing an earlier value of that key. Does nothing
    /// on a value that is not an object.
    pub fn insert<V: Into<Value>>(&mut self, key: &str, value: V) {
        if let Value::Object(entries) = self {
            let value = value.into();
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((String::from(key), value)),
            }
        }
    }

    /// The value of `key` in this object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The element at `index` of this array.
    pub fn at(&self, index: usize) -> Option<&Value> {
        match self {
            Value::Array(items) => items.get(index),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// A whole number: an `Int`, or a `Float` without a fraction that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(value) => Some(*value),
            Value::Float(value) if value.fract() == 0.0 && value.abs() < 9.2e18 => Some(*value as i64),
            _ => None,
        }
    }

    /// Any number as an `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(value) => Some(*value as f64),
            Value::Float(value) => Some(*value),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The entries of this object, in order.
    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The compact JSON text of this value as bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_string().into_bytes()
    }

    fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Value::Int(value) => out.push_str(&value.to_string()),
            Value::Float(value) if value.is_finite() => {
                let text = value.to_string();
                out.push_str(&text);
            }
            // JSON has no NaN or infinity.
            Value::Float(_) => out.push_str("null"),
            Value::String(text) => write_string(text, out),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Value::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Compact JSON text.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Value {
        Value::String(String::from(value))
    }
}

impl From<String> for Value {
    fn from(value: String) -> Value {
        Value::String(value)
    }
}

impl From<&String> for Value {
    fn from(value: &String) -> Value {
        Value::String(value.clone())
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Value {
        Value::Bool(value)
    }
}

impl From<i32> for Value {
    fn from(value: i32) -> Value {
        Value::Int(value as i64)
    }
}

impl From<i64> for Value {
    fn from(value: i64) -> Value {
        Value::Int(value)
    }
}

impl From<u32> for Value {
    fn from(value: u32) -> Value {
        Value::Int(value as i64)
    }
}

impl From<usize> for Value {
    fn from(value: usize) -> Value {
        Value::Int(value as i64)
    }
}

impl From<f64> for Value {
    fn from(value: f64) -> Value {
        Value::Float(value)
    }
}

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Value {
        Value::Array(items)
    }
}

/// `None` becomes `null`.
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        match value {
            Some(value) => value.into(),
            None => Value::Null,
        }
    }
}

/// `text` as a JSON string literal, quoted and escaped: `quote("a\"b")` is `"a\"b"`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_string(text, &mut out);
    out
}

fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// The byte offset of the problem in the input.
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid JSON at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for JsonError {}

/// How deeply arrays and objects may nest, so that hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 128;

/// Parses one JSON value (with optional surrounding white space) from `input`.
pub fn parse(input: &[u8]) -> Result<Value, JsonError> {
    let mut parser = Parser { input, at: 0 };
    parser.skip_space();
    let value = parser.value(0)?;
    parser.skip_space();
    if parser.at < input.len() {
        return Err(parser.error("unexpected text after the value"));
    }
    Ok(value)
}

/// Parses `input` as JSON text.
pub fn parse_str(input: &str) -> Result<Value, JsonError> {
    parse(input.as_bytes())
}

struct Parser<'a> {
    input: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: &str) -> JsonError {
        JsonError { offset: self.at, message: String::from(message) }
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), JsonError> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected '{}'", byte as char)))
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self.input[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        match self.peek() {
            None => Err(self.error("unexpected end of input")),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'[') => self.array(depth + 1),
            Some(b'{') => self.object(depth + 1),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_space();
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.at += 1;
        let mut entries: Vec<(String, Value)> = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(entries));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let key = self.string()?;
            self.skip_space();
            self.expect(b':')?;
            self.skip_space();
            let value = self.value(depth)?;
            // A repeated key keeps its last value, as most JSON readers do.
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key, value)),
            }
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(entries));
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.at += 1;
                    break;
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{08}',
                        Some(b'f') => '\u{0c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let c = self.unicode_escape()?;
                            let mut buffer = [0u8; 4];
                            out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                            continue;
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    self.at += 1;
                    out.push(escaped as u8);
                }
                Some(byte) if byte < 0x20 => return Err(self.error("control character in string")),
                Some(byte) => {
                    out.push(byte);
                    self.at += 1;
                }
            }
        }
        String::from_utf8(out).map_err(|_| self.error("string is not valid UTF-8"))
    }

    /// Reads `XXXX` after `\u` (and a second `\uXXXX` for a surrogate pair).
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.input[self.at..].starts_with(b"\\u") {
                return Err(self.error("unpaired surrogate"));
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("unpaired surrogate"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.input.get(self.at..self.at + 4).ok_or_else(|| self.error("invalid \\u escape"))?;
        let mut code = 0u32;
        for &digit in digits {
            let value = (digit as char).to_digit(16).ok_or_else(|| self.error("invalid \\u escape"))?;
            code = code * 16 + value;
        }
        self.at += 4;
        Ok(code)
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("expected a digit")),
        }
        let mut whole = true;
        if self.peek() == Some(b'.') {
            whole = false;
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit after '.'"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            whole = false;
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit in the exponent"));
            }
            self.digits();
        }
        // Only ASCII digits, signs, '.' and 'e' were consumed.
        let text = std::str::from_utf8(&self.input[start..self.at]).unwrap_or("");
        if whole {
            if let Ok(value) = text.parse::<i64>() {
                return Ok(Value::Int(value));
            }
        }
        text.parse::<f64>().map(Value::Float).map_err(|_| JsonError {
            offset: start,
            message: String::from("invalid number"),
        })
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_values_with_typed_accessors() {
        let value = parse(br#" {"name":"Ada","age":36,"ratio":0.5,"ok":true,"none":null,
            "tags":["a","b"],"nested":{"deep":[1,-2,3e2]}} "#).unwrap();
        assert_eq!(value.get("name").and_then(Value::as_str), Some("Ada"));
        assert_eq!(value.get("age").and_then(Value::as_i64), Some(36));
        assert_eq!(value.get("ratio").and_then(Value::as_f64), Some(0.5));
        assert_eq!(value.get("ok").and_then(Value::as_bool), Some(true));
        assert!(value.get("none").unwrap().is_null());
        assert_eq!(value.get("tags").and_then(|t| t.at(1)).and_then(Value::as_str), Some("b"));
        let deep = value.get("nested").and_then(|n| n.get("deep")).and_then(Value::as_array).unwrap();
        assert_eq!(deep, &[Value::Int(1), Value::Int(-2), Value::Float(300.0)]);
        assert_eq!(deep[2].as_i64(), Some(300));
        assert_eq!(value.get("missing"), None);
        assert_eq!(value.get("name").and_then(Value::as_i64), None);
    }

    #[test]
    fn decodes_every_escape_including_surrogate_pairs() {
        let value = parse(br#""q\"b\\s\/ \n\r\t\b\f \u00e9 \ud83d\ude00""#.as_slice()).unwrap();
        assert_eq!(value.as_str(), Some("q\"b\\s/ \n\r\t\u{8}\u{c} \u{e9} \u{1F600}"));
    }

    #[test]
    fn writes_compact_json_with_escaping_in_insertion_order() {
        let value = Value::object()
            .with("text", "say \"hi\"\n\u{1}\\")
            .with("n", 7)
            .with("f", 1.5)
            .with("list", Value::array().push(true).push(Value::Null).push("x"))
            .with("n", 8)
            .with("missing", None::<&str>);
        assert_eq!(value.to_string(),
            r#"{"text":"say \"hi\"\n\u0001\\","n":8,"f":1.5,"list":[true,null,"x"],"missing":null}"#);
        assert_eq!(quote("tab\there"), r#""tab\there""#);
    }

    #[test]
    fn written_json_parses_back_to_the_same_value() {
        let value = Value::object().with("é", "ü\u{1F600}").with("big", i64::MAX).with("neg", -0.25);
        assert_eq!(parse(&value.to_bytes()).unwrap(), value);
    }

    #[test]
    fn rejects_invalid_text_naming_the_offset() {
        assert_eq!(parse(b"{\"a\" 1}").unwrap_err().to_string(), "invalid JSON at byte 5: expected ':'");
        assert_eq!(parse(b"[1,]").unwrap_err().to_string(), "invalid JSON at byte 3: expected a value");
        assert_eq!(parse(b"[1] x").unwrap_err().to_string(), "invalid JSON at byte 4: unexpected text after the value");
        assert_eq!(parse(b"\"abc").unwrap_err().to_string(), "invalid JSON at byte 4: unterminated string");
        assert_eq!(parse(b"01").unwrap_err().offset, 1);
        assert_eq!(parse(b"").unwrap_err().message, "unexpected end of input");
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(parse(deep.as_bytes()).unwrap_err().message, "nested too deeply");
    }
}
