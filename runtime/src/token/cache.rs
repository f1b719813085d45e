//! Where a client's bearer tokens come from: a fixed token, a source of your own, or a cache that
//! fetches one when needed, shares the fetch between concurrent callers and refreshes it before it
//! expires.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::clock::{Clock, SystemClock};

/// Why a token could not be had: any error of the source (for the built-in sources, usually a
/// [`crate::Error`] from the token server). A call that needs the token fails with it as
/// [`crate::Error::Token`].
pub type TokenError = Box<dyn std::error::Error + Send + Sync>;

/// What [`TokenSource::token`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<AccessToken, TokenError>> + Send + 'a>>;

/// A bearer token. Printing it never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken(token.into())
    }

    /// The token itself, to send.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken([redacted])")
    }
}

/// Where a client gets the bearer token for an operation that needs one. Implement it to bring
/// your own provider; [`TokenCache`] is the one the client uses for client credentials.
pub trait TokenSource: Send + Sync {
    /// A token to send now.
    fn token(&self) -> TokenFuture<'_>;

    /// The server refused `token` with a 401. Return `true` if the next [`TokenSource::token`] may
    /// give a different one: the client then asks once more and repeats the call once. The default
    /// (`false`, for a fixed token) returns the 401 to the caller.
    fn reject(&self, token: &AccessToken) -> bool {
        let _ = token;
        false
    }
}

/// A token that never changes, as `Credentials::bearer` gives it.
impl TokenSource for AccessToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// A token as a token server issued it, with its lifetime when the reply states one.
#[derive(Clone)]
pub struct FetchedToken {
    token: AccessToken,
    expires_in: Option<Duration>,
}

impl FetchedToken {
    pub fn new(token: impl Into<String>) -> Self {
        FetchedToken {
            token: AccessToken::new(token),
            expires_in: None,
        }
    }

    /// How long the token is valid from now: the reply's `expires_in`. Without it the cache reads
    /// the JWT `exp` claim, and failing that assumes [`TokenCache::DEFAULT_LIFETIME`].
    pub fn expires_in(mut self, lifetime: Duration) -> Self {
        self.expires_in = Some(lifetime);
        self
    }
}

impl fmt::Debug for FetchedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FetchedToken")
            .field("token", &self.token)
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

type Fetch = dyn Fn() -> Pin<Box<dyn Future<Output = Result<FetchedToken, TokenError>> + Send>> + Send + Sync;

/// Keeps one token and fetches a new one when it is missing, about to expire, or was refused.
///
/// - Fetched on first use, not before.
/// - Refreshed [`TokenCache::DEFAULT_REFRESH_MARGIN`] before it expires (at most half its lifetime
///   before, so a short-lived token is not fetched on every call).
/// - Concurrent callers share one fetch: while it runs, the others wait for its token.
/// - A failed fetch is returned to the caller and nothing is cached: the next call tries again.
///
/// Cheap to clone; clones share the token. Each client has its own cache: clients never wait for
/// each other.
#[derive(Clone)]
pub struct TokenCache {
    shared: Arc<Shared>,
    refresh_margin: Duration,
    default_lifetime: Duration,
    clock: Arc<dyn Clock>,
}

struct Shared {
    fetch: Box<Fetch>,
    /// The token and when to stop using it; never held across an `await`.
    current: Mutex<Option<Cached>>,
    /// Held while fetching, so only one fetch runs at a time.
    fetching: tokio::sync::Mutex<()>,
}

struct Cached {
    token: AccessToken,
    refresh_at: SystemTime,
}

impl TokenCache {
    /// How long before expiry a token is replaced.
    pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(30);
    /// The lifetime assumed for a token whose reply states none and which is not a JWT with `exp`:
    /// short, so an unknown lifetime costs a fetch every few minutes rather than failed calls.
    pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(5 * 60);

    /// A cache that gets its tokens from `fetch`, for example a closure that calls a token operation.
    pub fn new<F, Fut, E>(fetch: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<FetchedToken, E>> + Send + 'static,
        E: Into<TokenError>,
    {
        let fetch: Box<Fetch> = Box::new(move || {
            let future = fetch();
            Box::pin(async move { future.await.map_err(Into::into) })
        });
        TokenCache {
            shared: Arc::new(Shared {
                fetch,
                current: Mutex::new(None),
                fetching: tokio::sync::Mutex::new(()),
            }),
            refresh_margin: Self::DEFAULT_REFRESH_MARGIN,
            default_lifetime: Self::DEFAULT_LIFETIME,
            clock: Arc::new(SystemClock),
        }
    }

    /// Replaces tokens this long before they expire.
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// The lifetime assumed when neither the reply nor the token states one.
    pub fn default_lifetime(mut self, lifetime: Duration) -> Self {
        self.default_lifetime = lifetime;
        self
    }

    /// Reads the time from `clock` (tests move it forward instead of waiting).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// A token that is not about to expire: the cached one, or a new one fetched now.
    pub async fn get(&self) -> Result<AccessToken, TokenError> {
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        let _fetching = self.shared.fetching.lock().await;
        // Whoever held the lock before may have fetched one.
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        let fetched = (self.shared.fetch)().await?;
        let fetched_at = self.clock.now();
        let lifetime = fetched
            .expires_in
            .or_else(|| {
                jwt_expiry(fetched.token.secret()).map(|exp| exp.duration_since(fetched_at).unwrap_or_default())
            })
            .unwrap_or(self.default_lifetime);
        let margin = self.refresh_margin.min(lifetime / 2);
        let token = fetched.token.clone();
        *self.current() = Some(Cached {
            token: fetched.token,
            refresh_at: fetched_at + (lifetime - margin),
        });
        Ok(token)
    }

    /// Forgets `token` if it is the cached one, so the next [`TokenCache::get`] fetches anew.
    pub fn invalidate(&self, token: &AccessToken) {
        let mut current = self.current();
        if current.as_ref().is_some_and(|cached| cached.token == *token) {
            *current = None;
        }
    }

    fn fresh(&self) -> Option<AccessToken> {
        let now = self.clock.now();
        self.current()
            .as_ref()
            .filter(|cached| now < cached.refresh_at)
            .map(|cached| cached.token.clone())
    }

    fn current(&self) -> std::sync::MutexGuard<'_, Option<Cached>> {
        // The data is replaced whole, so a panic elsewhere cannot leave it half-written.
        self.shared.current.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl TokenSource for TokenCache {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.get())
    }

    fn reject(&self, token: &AccessToken) -> bool {
        self.invalidate(token);
        true
    }
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache")
            .field("refresh_margin", &self.refresh_margin)
            .field("default_lifetime", &self.default_lifetime)
            .field("has_token", &self.current().is_some())
            .finish_non_exhaustive()
    }
}

/// The `exp` claim of a JWT, read without checking its signature (only to know when to refresh).
fn jwt_expiry(token: &str) -> Option<SystemTime> {
    let mut parts = token.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    let claims: serde_json::Value = serde_json::from_slice(&base64url_decode(payload)?).ok()?;
    let exp = claims.get("exp")?.as_u64()?;
    UNIX_EPOCH.checked_add(Duration::from_secs(exp))
}

/// Decodes unpadded base64url (RFC 4648 §5), as JWTs use it.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0u32);
    for byte in text.trim_end_matches('=').bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}
