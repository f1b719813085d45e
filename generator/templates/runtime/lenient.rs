//! Numbers as Twilio sends them: JSON numbers, or the same numbers as strings (`"price": "-0.0025"`,
//! `"latitude": "19.720000"`), whatever the document's `type` says. A value that is neither decodes
//! as `None`, so one odd field never fails a whole reply.

use serde::{Deserialize, Deserializer};

/// An optional number field as sent: a JSON number, a string holding one, or anything else (`None`).
pub struct Number(Option<serde_json::Number>);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Number(match Option::<serde_json::Value>::deserialize(deserializer)? {
            Some(serde_json::Value::Number(n)) => Some(n),
            Some(serde_json::Value::String(text)) => text.trim().parse::<serde_json::Number>().ok(),
            _ => None,
        }))
    }
}

impl Number {
    pub fn f64(self) -> Option<f64> {
        self.0.and_then(|n| n.as_f64())
    }

    pub fn i64(self) -> Option<i64> {
        self.0.and_then(|n| n.as_i64())
    }

    pub fn i32(self) -> Option<i32> {
        self.i64().and_then(|n| i32::try_from(n).ok())
    }
}
