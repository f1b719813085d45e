//! Date-times as Twilio sends them: RFC 3339 (`2024-01-31T12:00:00Z`) or RFC 2822
//! (`Wed, 31 Jan 2024 12:00:00 +0000`), whatever the document's `format` says.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};

/// Parses RFC 3339, then RFC 2822; `None` when neither fits.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_rfc2822(text))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// For optional date-time fields: a missing, null or malformed value is `None`, so one odd date
/// never fails a whole reply.
pub fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(value.as_ref().and_then(serde_json::Value::as_str).and_then(parse))
}

/// For required date-time fields: either format, or an error that shows the value.
pub fn strict<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| serde::de::Error::custom(format!("`{text}` is neither an RFC 3339 nor an RFC 2822 date-time")))
}
