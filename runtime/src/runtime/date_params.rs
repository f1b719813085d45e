//! Dates and date-times as inputs: RFC 3339 and `YYYY-MM-DD` on the wire.

use super::params::ParamValue;

/// Date-time inputs go on the wire in RFC 3339, in UTC.
impl ParamValue for crate::datetime::Timestamp {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

/// Date inputs go on the wire as `YYYY-MM-DD`.
impl ParamValue for crate::datetime::Date {
    fn to_param(&self) -> String {
        self.to_string()
    }
}
