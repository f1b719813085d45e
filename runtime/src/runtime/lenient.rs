//! Optional fields as Twilio fills them: numbers as JSON numbers or as the same numbers in strings
//! (`"price": "-0.0025"`, `"latitude": "19.720000"`), whatever the document's `type` says. A value
//! that does not fit decodes as `None`, so one odd field never fails a whole reply.

use serde_json::Value;

use super::model::Lenient;

fn number(value: Value) -> Option<serde_json::Number> {
    match value {
        Value::Number(n) => Some(n),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

impl Lenient for f64 {
    fn from_json(value: Value) -> Option<Self> {
        number(value)?.as_f64()
    }
}

impl Lenient for i64 {
    fn from_json(value: Value) -> Option<Self> {
        number(value)?.as_i64()
    }
}

impl Lenient for i32 {
    fn from_json(value: Value) -> Option<Self> {
        i32::try_from(number(value)?.as_i64()?).ok()
    }
}
