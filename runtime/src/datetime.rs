//! Dates and date-times in requests and replies. Twilio sends RFC 2822 (`Wed, 31 Jan 2024 12:00:00 +0000`) as well as
//! RFC 3339; these small types read both, and keep chrono and time out of the crate's dependency tree. To use one of
//! those, convert through [`std::time::SystemTime`]:
//! ```text
//! let utc = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::try_from(ts)?);
//! let odt = time::OffsetDateTime::from(std::time::SystemTime::try_from(ts)?);
//! ```

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

use crate::clock::days_from_civil;

const NANOS_PER_SEC: u32 = 1_000_000_000;
const SECS_PER_DAY: i64 = 86_400;
/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: four-digit years, as both formats write them.
const MIN_SECS: i64 = days_from_civil(1, 1, 1) * SECS_PER_DAY;
const MAX_SECS: i64 = days_from_civil(9999, 12, 31) * SECS_PER_DAY + SECS_PER_DAY - 1;
/// RFC 2822's names, three letters each.
const MONTHS: &[u8] = b"janfebmaraprmayjunjulaugsepoctnovdec";
const WEEKDAYS: &[u8] = b"montuewedthufrisatsun";

/// An instant in UTC, to the nanosecond.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    secs: i64,
    nanos: u32,
}

impl Timestamp {
    /// The instant `secs` seconds and `nanos` nanoseconds after 1970-01-01T00:00:00Z; `None` when `nanos` is a
    /// second or more, or the instant is outside the years 1 to 9999.
    pub const fn from_unix(secs: i64, nanos: u32) -> Option<Self> {
        if nanos >= NANOS_PER_SEC || secs < MIN_SECS || secs > MAX_SECS {
            return None;
        }
        Some(Self { secs, nanos })
    }

    /// Whole seconds since 1970-01-01T00:00:00Z (negative before it).
    pub const fn unix_seconds(self) -> i64 {
        self.secs
    }

    /// The nanoseconds past [`unix_seconds`](Self::unix_seconds), always below one second.
    pub const fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// The UTC calendar date.
    pub fn date(self) -> Date {
        let (year, month, day) = civil_from_days(self.secs.div_euclid(SECS_PER_DAY));
        Date {
            year: year as i16,
            month,
            day,
        }
    }

    /// The UTC hour, 0 to 23.
    pub fn hour(self) -> u8 {
        (self.secs.rem_euclid(SECS_PER_DAY) / 3600) as u8
    }

    /// The UTC minute, 0 to 59.
    pub fn minute(self) -> u8 {
        (self.secs.rem_euclid(3600) / 60) as u8
    }

    /// The UTC second, 0 to 59.
    pub fn second(self) -> u8 {
        self.secs.rem_euclid(60) as u8
    }

    /// RFC 3339 first, then RFC 2822; `None` when neither fits. Surrounding whitespace is ignored.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().as_bytes();
        rfc3339(text).or_else(|| rfc2822(text))
    }
}

/// RFC 3339 in UTC, with as few fraction digits (none, 3, 6 or 9) as stay exact.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (hour, minute, second) = (self.hour(), self.minute(), self.second());
        write!(f, "{}T{hour:02}:{minute:02}:{second:02}", self.date())?;
        match self.nanos {
            0 => {}
            n if n % 1_000_000 == 0 => write!(f, ".{:03}", n / 1_000_000)?,
            n if n % 1_000 == 0 => write!(f, ".{:06}", n / 1_000)?,
            n => write!(f, ".{n:09}")?,
        }
        f.write_str("Z")
    }
}

impl FromStr for Timestamp {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        Self::parse(text).ok_or_else(|| ParseError::new(text, TIMESTAMP_ERROR))
    }
}

/// Fails only where the platform's `SystemTime` cannot hold the instant (Windows, before the year 1601).
impl TryFrom<Timestamp> for SystemTime {
    type Error = OutOfRange;

    fn try_from(ts: Timestamp) -> Result<Self, OutOfRange> {
        let whole = Duration::from_secs(ts.secs.unsigned_abs());
        let whole = if ts.secs < 0 {
            UNIX_EPOCH.checked_sub(whole)
        } else {
            UNIX_EPOCH.checked_add(whole)
        };
        whole
            .and_then(|time| time.checked_add(Duration::from_nanos(u64::from(ts.nanos))))
            .ok_or(OutOfRange(()))
    }
}

impl TryFrom<SystemTime> for Timestamp {
    type Error = OutOfRange;

    fn try_from(time: SystemTime) -> Result<Self, OutOfRange> {
        let (secs, nanos) = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => (
                i64::try_from(after.as_secs()).map_err(|_| OutOfRange(()))?,
                after.subsec_nanos(),
            ),
            Err(before) => {
                let before = before.duration();
                let secs = -i64::try_from(before.as_secs()).map_err(|_| OutOfRange(()))?;
                match before.subsec_nanos() {
                    0 => (secs, 0),
                    n => (secs - 1, NANOS_PER_SEC - n),
                }
            }
        };
        Self::from_unix(secs, nanos).ok_or(OutOfRange(()))
    }
}

/// A calendar date (`format: date`), year 1 to 9999.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i16,
    month: u8,
    day: u8,
}

impl Date {
    /// `None` unless the date exists in the Gregorian calendar, year 1 to 9999.
    pub const fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        if year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self {
            year: year as i16,
            month,
            day,
        })
    }

    /// 1 to 9999.
    pub const fn year(self) -> i32 {
        self.year as i32
    }

    /// 1 to 12.
    pub const fn month(self) -> u8 {
        self.month
    }

    /// 1 to 31.
    pub const fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01.
    const fn days(self) -> i64 {
        days_from_civil(self.year as i64, self.month, self.day)
    }

    /// Exactly `YYYY-MM-DD`, as both RFC 3339 date-times and `format: date` start.
    fn parse(text: &[u8]) -> Option<Self> {
        let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *text else {
            return None;
        };
        Self::new(
            num(&[y1, y2, y3, y4])? as i32,
            num(&[m1, m2])? as u8,
            num(&[d1, d2])? as u8,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        Self::parse(text.as_bytes()).ok_or_else(|| ParseError::new(text, DATE_ERROR))
    }
}

const TIMESTAMP_ERROR: &str = "is neither an RFC 3339 nor an RFC 2822 date-time";
const DATE_ERROR: &str = "is not a date in the form YYYY-MM-DD";

/// Text that is not a [`Timestamp`] or not a [`Date`]; it names the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    text: String,
    problem: &'static str,
}

impl ParseError {
    fn new(text: &str, problem: &'static str) -> Self {
        Self {
            text: text.to_owned(),
            problem,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.text, self.problem)
    }
}

impl std::error::Error for ParseError {}

/// A [`SystemTime`] outside what a [`Timestamp`] holds, or the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange(());

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the time is outside the years 1 to 9999, or outside what this platform's clock can hold")
    }
}

impl std::error::Error for OutOfRange {}

/// `Debug` as `Type(text)`; serde as the `Display` text, decoded strictly through `FromStr` (its error is the message).
macro_rules! text_impls {
    ($ty:ident, $expecting:literal) => {
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($ty), "({})"), self)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct TextVisitor;

                impl Visitor<'_> for TextVisitor {
                    type Value = $ty;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: de::Error>(self, text: &str) -> Result<$ty, E> {
                        text.parse().map_err(E::custom)
                    }
                }

                deserializer.deserialize_str(TextVisitor)
            }
        }
    };
}

text_impls!(Timestamp, "an RFC 3339 or RFC 2822 date-time");
text_impls!(Date, "a date in the form YYYY-MM-DD");

/// `YYYY-MM-DD` + `T`/`t`/space + `HH:MM:SS[.fraction]` + `Z`/`z`/`±HH:MM`, or no offset at all: Twilio documents its
/// times as UTC, so a missing offset is read as UTC (chrono would refuse it). Fraction digits past 9 are dropped.
fn rfc3339(text: &[u8]) -> Option<Timestamp> {
    let (date, time) = text.split_at_checked(10)?;
    let [b'T' | b't' | b' ', h1, h2, b':', m1, m2, b':', s1, s2, ref rest @ ..] = *time else {
        return None;
    };
    let (mut nanos, mut rest) = (0, rest);
    if let [b'.', ref fraction @ ..] = *rest {
        let len = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        let (digits, after) = fraction.split_at(len);
        let kept = digits.get(..9).unwrap_or(digits);
        nanos = num(kept)? * 10u32.pow(9 - kept.len() as u32);
        rest = after;
    }
    let offset = match *rest {
        [] | [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => offset(sign, num(&[h1, h2])?, num(&[m1, m2])?)?,
        _ => return None,
    };
    let time = [num(&[h1, h2])?, num(&[m1, m2])?, num(&[s1, s2])?];
    instant(Date::parse(date)?, time, nanos, offset)
}

/// `[Day,] D Mon YYYY HH:MM[:SS] zone`, tokens apart by whitespace. As with chrono, a weekday that does not match the
/// date is refused, and two- and three-digit years follow RFC 2822's obsolete syntax.
fn rfc2822(text: &[u8]) -> Option<Timestamp> {
    let (weekday, text) = match text.iter().position(|&b| b == b',') {
        Some(comma) => (Some(name(&text[..comma], WEEKDAYS)?), &text[comma + 1..]),
        None => (None, text),
    };
    let mut tokens = text.split(u8::is_ascii_whitespace).filter(|token| !token.is_empty());
    let [day, month, year, time, zone] = [(); 5].map(|()| tokens.next());
    if tokens.next().is_some() {
        return None;
    }
    let year = match year? {
        year @ [_, _] => num(year).map(|y| if y < 50 { y + 2000 } else { y + 1900 }),
        year @ [_, _, _] => num(year).map(|y| y + 1900),
        year @ [_, _, _, _] => num(year),
        _ => None,
    }?;
    let day = match day? {
        day @ ([_] | [_, _]) => num(day)?,
        _ => return None,
    };
    let date = Date::new(year as i32, (name(month?, MONTHS)? + 1) as u8, day as u8)?;
    if weekday.is_some_and(|weekday| weekday as i64 != (date.days() + 3).rem_euclid(7)) {
        return None;
    }
    let time = match *time? {
        [h1, h2, b':', m1, m2] => [num(&[h1, h2])?, num(&[m1, m2])?, 0],
        [h1, h2, b':', m1, m2, b':', s1, s2] => [num(&[h1, h2])?, num(&[m1, m2])?, num(&[s1, s2])?],
        _ => return None,
    };
    let offset = match *zone? {
        [sign @ (b'+' | b'-'), h1, h2, m1, m2] => offset(sign, num(&[h1, h2])?, num(&[m1, m2])?)?,
        ref zone => zone_hours(zone)? * 3600,
    };
    instant(date, time, 0, offset)
}

/// Seconds east of UTC.
fn offset(sign: u8, hours: u32, minutes: u32) -> Option<i64> {
    let secs = i64::from(hours * 3600 + minutes * 60);
    (hours < 24 && minutes < 60).then_some(if sign == b'-' { -secs } else { secs })
}

/// The instant at local `[hour, minute, second]` on `date`, `offset` seconds east of UTC. A leap second (`:60`, which
/// chrono keeps as a second nanosecond count past `:59`) becomes the last nanosecond of `:59`, as a timestamp can't hold
/// more; like chrono, `:60` is taken at the end of any minute.
fn instant(date: Date, [hour, minute, second]: [u32; 3], nanos: u32, offset: i64) -> Option<Timestamp> {
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let (second, nanos) = if second == 60 {
        (59, NANOS_PER_SEC - 1)
    } else {
        (second, nanos)
    };
    let local = i64::from(hour * 3600 + minute * 60 + second);
    Timestamp::from_unix(date.days() * SECS_PER_DAY + local - offset, nanos)
}

/// RFC 2822's named zones, in hours east of UTC. Its military letters are left out: their sign was never agreed on.
fn zone_hours(zone: &[u8]) -> Option<i64> {
    Some(match zone.to_ascii_lowercase().as_slice() {
        b"gmt" | b"ut" | b"utc" | b"z" => 0,
        b"edt" => -4,
        b"est" | b"cdt" => -5,
        b"cst" | b"mdt" => -6,
        b"mst" | b"pdt" => -7,
        b"pst" => -8,
        _ => return None,
    })
}

/// The value of 1 to 9 ASCII digits.
fn num(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits
        .iter()
        .try_fold(0, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// The index of `text` among the three-letter `names`, ignoring case.
fn name(text: &[u8], names: &[u8]) -> Option<usize> {
    names.chunks(3).position(|name| text.eq_ignore_ascii_case(name))
}

const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`, the inverse of
/// [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u8;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u8;
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}
