//! OAuth 2 client credentials: the client fetches, caches and refreshes its own access tokens.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::Clock;
use crate::token::{FetchedToken, TokenCache, TokenError};

/// OAuth 2 client credentials (RFC 6749 §4.4): the client fetches its own access tokens from the
/// token URL with a client ID and secret, keeps them in a [`TokenCache`] of its own, and refreshes
/// them before they expire and after a 401.
#[derive(Clone)]
pub struct ClientCredentials {
    client_id: String,
    client_secret: String,
    token_url: String,
    refresh_margin: Duration,
    default_lifetime: Duration,
}

impl ClientCredentials {
    /// Tokens from the document's token URL, [`crate::DEFAULT_TOKEN_URL`].
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        ClientCredentials {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            token_url: crate::DEFAULT_TOKEN_URL.to_owned(),
            refresh_margin: TokenCache::DEFAULT_REFRESH_MARGIN,
            default_lifetime: TokenCache::DEFAULT_LIFETIME,
        }
    }

    /// Fetches tokens from another URL (a test server, a proxy).
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = url.into();
        self
    }

    /// Replaces tokens this long before they expire; [`TokenCache::DEFAULT_REFRESH_MARGIN`] by default.
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// The lifetime assumed when the token reply has no `expires_in` and the token no `exp`.
    pub fn default_lifetime(mut self, lifetime: Duration) -> Self {
        self.default_lifetime = lifetime;
        self
    }

    /// The cache a client uses: tokens fetched with the client's own HTTP client and clock.
    pub(crate) fn into_cache(self, http: reqwest::Client, max_body: usize, clock: Arc<dyn Clock>) -> TokenCache {
        let (refresh_margin, default_lifetime) = (self.refresh_margin, self.default_lifetime);
        let this = Arc::new(self);
        TokenCache::new(move || fetch_client_credentials(http.clone(), this.clone(), max_body))
            .refresh_margin(refresh_margin)
            .default_lifetime(default_lifetime)
            .clock(clock)
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &crate::runtime::redact::Redacted)
            .field("token_url", &self.token_url)
            .finish_non_exhaustive()
    }
}

/// One token request: the RFC 6749 form at the token URL, and the token from its JSON reply.
async fn fetch_client_credentials(
    http: reqwest::Client,
    credentials: Arc<ClientCredentials>,
    max_body: usize,
) -> Result<FetchedToken, TokenError> {
    let form = form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "client_credentials")
        .append_pair("client_id", &credentials.client_id)
        .append_pair("client_secret", &credentials.client_secret)
        .finish();
    let response = http
        .post(&credentials.token_url)
        .header(reqwest::header::ACCEPT, "application/json")
        .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .map_err(crate::Error::from)?;
    let expect = crate::runtime::http::Expect {
        results: &[],
        accept: "application/json",
        stream: false,
    };
    let reply = crate::runtime::http::read_reply(response, expect, max_body).await?;
    // Read by hand, not with serde's messages: those quote the values they reject, and this body
    // holds a secret.
    let status = reply.status;
    let malformed = |what: &str| -> TokenError { format!("the token reply ({status}) {what}").into() };
    let body: serde_json::Value = serde_json::from_slice(&reply.body).map_err(|_| malformed("is not JSON"))?;
    let token = body
        .get("access_token")
        .and_then(serde_json::Value::as_str)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| malformed("has no `access_token` string"))?;
    let mut fetched = FetchedToken::new(token);
    let expires_in = body
        .get("expires_in")
        .and_then(|v| v.as_u64().or_else(|| v.as_str()?.trim().parse().ok()));
    if let Some(seconds) = expires_in {
        fetched = fetched.expires_in(Duration::from_secs(seconds));
    }
    Ok(fetched)
}
