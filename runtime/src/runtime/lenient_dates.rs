//! Dates in optional fields, read leniently like numbers (see `lenient.rs`).

use serde_json::Value;

use super::model::Lenient;

/// Date-times in either format [`Timestamp::parse`](crate::datetime::Timestamp::parse) reads.
impl Lenient for crate::datetime::Timestamp {
    fn from_json(value: Value) -> Option<Self> {
        Self::parse(value.as_str()?)
    }
}

/// Dates as `YYYY-MM-DD`.
impl Lenient for crate::datetime::Date {
    fn from_json(value: Value) -> Option<Self> {
        value.as_str()?.parse().ok()
    }
}
