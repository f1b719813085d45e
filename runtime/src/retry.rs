//! Retries, when a client is given a [`RetryPolicy`]: of replies that say "try later" (429, 503) and
//! of connections that failed before anything was sent.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// When and how often a client repeats a call. Off unless given to
/// [`crate::ClientBuilder::retry`].
///
/// Repeated: a `429 Too Many Requests` or `503 Service Unavailable` reply to a call that is safe to
/// repeat (GET, HEAD, OPTIONS, PUT, DELETE, or one marked with its builder's `idempotent()`), and a
/// connection that failed before the request was sent (any call: the server saw nothing). A POST
/// that creates something is not repeated unless marked.
///
/// The wait is the reply's `Retry-After` (seconds or an HTTP date) when it has one, else an
/// exponential backoff with jitter, capped. The calls stop after [`RetryPolicy::max_attempts`], or
/// when the next wait would take the total past [`RetryPolicy::max_total_delay`]; the call then fails
/// with [`crate::Error::Exhausted`], which holds the last error and the number of attempts.
#[derive(Clone)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) initial_delay: Duration,
    pub(crate) max_delay: Duration,
    pub(crate) max_total_delay: Duration,
    pub(crate) on_retry: Option<Arc<RetryHook>>,
}

/// What [`RetryPolicy::on_retry`] keeps.
type RetryHook = dyn Fn(&RetryEvent<'_>) + Send + Sync;

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::new()
    }
}

impl RetryPolicy {
    /// 3 attempts, backoff from 500 ms doubling up to 10 s, at most 30 s of waiting in all.
    pub fn new() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(10),
            max_total_delay: Duration::from_secs(30),
            on_retry: None,
        }
    }

    /// How many times a call is sent at most, the first included.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first backoff and the largest one; each retry doubles the previous, and jitter picks a
    /// wait between half of it and all of it.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_delay = initial;
        self.max_delay = max.max(initial);
        self
    }

    /// The most time spent waiting between attempts of one call, `Retry-After` waits included.
    pub fn max_total_delay(mut self, total: Duration) -> Self {
        self.max_total_delay = total;
        self
    }

    /// Called before each wait, to log or count retries.
    pub fn on_retry(mut self, hook: impl Fn(&RetryEvent<'_>) + Send + Sync + 'static) -> Self {
        self.on_retry = Some(Arc::new(hook));
        self
    }

    /// The backoff before attempt `failed + 1`: half of `initial · 2^(failed-1)` (capped) plus jitter.
    pub(crate) fn backoff_after(&self, failed: u32) -> Duration {
        let doubled = self.initial_delay.saturating_mul(1u32 << (failed - 1).min(20));
        let base = doubled.min(self.max_delay);
        base / 2 + (base / 2).mul_f64(random_fraction())
    }
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_attempts", &self.max_attempts)
            .field("initial_delay", &self.initial_delay)
            .field("max_delay", &self.max_delay)
            .field("max_total_delay", &self.max_total_delay)
            .field("on_retry", &self.on_retry.is_some())
            .finish()
    }
}

/// A retry about to happen, as the [`RetryPolicy::on_retry`] hook sees it.
#[derive(Debug)]
#[non_exhaustive]
pub struct RetryEvent<'a> {
    pub method: &'a reqwest::Method,
    /// The request's path, without the query.
    pub path: &'a str,
    /// The attempt that failed, from 1.
    pub attempt: u32,
    pub reason: RetryReason,
    /// The wait before the next attempt.
    pub delay: Duration,
}

/// Why a call is repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryReason {
    /// The server answered 429 or 503.
    Status(reqwest::StatusCode),
    /// The connection could not be made; the request was not sent.
    Connect,
}

/// The wait a `Retry-After` value asks for: delay-seconds, or an HTTP date (IMF-fixdate, as
/// RFC 9110 requires senders to use) from `now`. `None` when it is neither.
pub(crate) fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = http_date(value)?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(text: &str) -> Option<SystemTime> {
    let (_weekday, rest) = text.split_once(", ")?;
    let mut parts = rest.split(' ');
    let day: u64 = parts.next()?.parse().ok()?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u64 + 1;
    let year: u64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|n| n.parse::<u64>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT"
        || parts.next().is_some()
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
        || !(1970..=9999).contains(&year)
    {
        return None;
    }
    // From 1970 on, so the day count is not negative; to 9999, so it cannot overflow.
    let days = crate::clock::days_from_civil(year as i64, month as u8, day as u8) as u64;
    UNIX_EPOCH.checked_add(Duration::from_secs(days * 86_400 + hour * 3_600 + minute * 60 + second))
}

/// A number in `[0, 1)` from the standard library's per-process random hash keys: jitter needs to
/// differ between clients, not to be unpredictable.
fn random_fraction() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let bits = std::collections::hash_map::RandomState::new().build_hasher().finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}
