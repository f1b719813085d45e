//! Numbers as Twilio sends them: JSON numbers, or the same numbers as strings (`"price": "-0.0025"`,
//! `"latitude": "19.720000"`), whatever the document's `type` says. A value that is neither decodes
//! as `None`, so one odd field never fails a whole reply.

use serde::{Deserialize, Deserializer};

fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<serde_json::Number>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(deserializer)? {
        Some(serde_json::Value::Number(n)) => Some(n),
        Some(serde_json::Value::String(text)) => text.trim().parse::<serde_json::Number>().ok(),
        _ => None,
    })
}

pub fn f64_opt<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Ok(number(deserializer)?.and_then(|n| n.as_f64()))
}

pub fn i64_opt<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(number(deserializer)?.and_then(|n| n.as_i64()))
}

pub fn i32_opt<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i32>, D::Error> {
    Ok(number(deserializer)?.and_then(|n| n.as_i64()).and_then(|n| i32::try_from(n).ok()))
}
