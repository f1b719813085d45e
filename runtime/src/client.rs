//! The client: base URL, credentials, timeouts, and the one function every request goes through.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::Credentials;
use crate::clock::{Clock, SystemClock};
use crate::error::Error;
use crate::retry::{retry_after, RetryEvent, RetryPolicy, RetryReason};
use crate::runtime::http::{read_reply, Body, Expect, Reply, Request};
use crate::runtime::trace;

/// The API client. Cheap to clone: clones share one connection pool and the credentials.
///
/// It never follows redirects (some replies are a 3xx whose body is the result, and credentials must
/// not travel to another host), and it sends credentials only to operations whose `security` asks for
/// them, and only to its own base URL.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    /// Sent with every request: the crate's name and version, and the application's suffix.
    user_agent: reqwest::header::HeaderValue,
    credentials: Option<crate::auth::Active>,
    max_body: usize,
    retry: Option<RetryPolicy>,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for the document's server, [`crate::DEFAULT_BASE_URL`], with default timeouts.
    pub fn new(credentials: Credentials) -> Result<Client, Error> {
        ClientBuilder::new().credentials(credentials).build()
    }

    /// Configures a client: another base URL (tests, proxies), your own `reqwest::Client`, timeouts.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The URL every request path is appended to, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends a call, reading a success reply's body whole or leaving it to stream, in its tracing
    /// span (with the `tracing` feature), and says when it failed.
    pub(crate) async fn execute_with(&self, request: Request, stream: bool) -> Result<Reply, Error> {
        let name = trace::CallName {
            operation: request.operation,
            method: request.method.clone(),
            path_template: request.path_template,
        };
        let result = trace::in_span(name, self.attempts(request, stream)).await;
        if let Err(error) = &result {
            trace::failed(error);
        }
        result
    }

    /// Sends a call: with the credentials its operation accepts, once more with a new token after a
    /// 401 when the token source can give one, and again as the retry policy allows.
    async fn attempts(&self, request: Request, stream: bool) -> Result<Reply, Error> {
        let expect = Expect {
            results: request.results,
            accept: request.accept,
            stream,
        };
        let auth = crate::auth::select(self.inner.credentials.as_ref(), request.auth);
        // The same for every attempt: where the call goes, and so where its reply must come from.
        let url = self.url(&request);
        let sent = reqwest::Url::parse(&url).ok();
        let mut attempt = 1;
        let mut waited = Duration::ZERO;
        let mut token_renewed = false;
        loop {
            trace::attempt(attempt);
            let (builder, sent_token) = auth.apply(self.prepare(&request, &url)?, &request.cookies).await?;
            let error = match builder.send().await {
                Ok(response) if redirected(sent.as_ref(), response.url()) => followed_redirect(response.url()),
                Ok(response) => match read_reply(response, expect, self.inner.max_body).await {
                    Ok(reply) => return Ok(reply),
                    Err(e) => e,
                },
                Err(e) => Error::from(e),
            };
            // A reply may echo what was sent (an error quoting the key it refused).
            let mut sent_secrets = auth.secrets();
            sent_secrets.extend(sent_token.as_ref().map(crate::auth::sent_secret));
            let error = error.masking(&sent_secrets);
            if let Some(token) = &sent_token {
                if error.status() == Some(reqwest::StatusCode::UNAUTHORIZED) && !token_renewed && auth.reject(token) {
                    trace::token_rejected();
                    token_renewed = true;
                    continue;
                }
            }
            let Some(policy) = &self.inner.retry else {
                return Err(error);
            };
            let Some(reason) = retry_reason(&request, &error) else {
                return Err(error);
            };
            let retry_after = match &error {
                Error::Api(api) => api
                    .retry_after
                    .as_deref()
                    .and_then(|v| retry_after(v, self.inner.clock.now())),
                _ => None,
            };
            let delay = retry_after.unwrap_or_else(|| policy.backoff_after(attempt));
            if attempt >= policy.max_attempts || waited + delay > policy.max_total_delay {
                return Err(if attempt > 1 {
                    Error::Exhausted {
                        attempts: attempt,
                        last: Box::new(error),
                    }
                } else {
                    error
                });
            }
            if let Some(hook) = &policy.on_retry {
                hook(&RetryEvent {
                    method: &request.method,
                    path: &request.path,
                    attempt,
                    reason,
                    delay,
                });
            }
            trace::retrying(&error, delay);
            self.inner.clock.sleep(delay).await;
            waited += delay;
            attempt += 1;
        }
    }

    /// One attempt of a call, before credentials.
    /// Where a call goes: the base URL, its path and its query string.
    fn url(&self, request: &Request) -> String {
        let mut url = format!("{}{}", self.inner.base_url, request.path);
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&request.query);
        }
        url
    }

    fn prepare(&self, request: &Request, url: &str) -> Result<reqwest::RequestBuilder, Error> {
        let mut builder = self
            .inner
            .http
            .request(request.method.clone(), url)
            .header(reqwest::header::ACCEPT, request.accept)
            .header(reqwest::header::USER_AGENT, self.inner.user_agent.clone());
        if let Some(timeout) = request.timeout {
            builder = builder.timeout(timeout);
        }
        for (name, value) in &request.headers {
            builder = builder.header(*name, crate::runtime::http::header_value(name, value)?);
        }
        Ok(match &request.body {
            Body::Empty => builder,
            Body::Form(text) => builder
                .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(text.clone()),
            Body::Json { media_type, bytes } => builder
                .header(reqwest::header::CONTENT_TYPE, *media_type)
                .body(bytes.clone()),
            Body::Raw { media_type, bytes } => builder
                .header(
                    reqwest::header::CONTENT_TYPE,
                    crate::runtime::http::header_value("Content-Type", media_type)?,
                )
                .body(bytes.clone()),
        })
    }
}

/// Whether the reply came from elsewhere than the call was `sent` to: an HTTP client of the
/// caller's own followed a redirect (host or path differ; the query may gain an API key).
fn redirected(sent: Option<&reqwest::Url>, url: &reqwest::Url) -> bool {
    sent.is_some_and(|sent| {
        (
            sent.scheme(),
            sent.host_str(),
            sent.port_or_known_default(),
            sent.path(),
        ) != (url.scheme(), url.host_str(), url.port_or_known_default(), url.path())
    })
}

/// The client never follows redirects (credentials must not travel, and some 3xx replies are
/// results); an HTTP client that did is refused, naming where it went (secrets masked).
fn followed_redirect(url: &reqwest::Url) -> Error {
    let mut shown = url.clone();
    crate::runtime::redact_text::url(&mut shown);
    Error::InvalidRequest(format!(
        "the HTTP client followed a redirect to {shown}; this client never follows redirects: build \
         the reqwest::Client you give `ClientBuilder::http_client` with \
         `.redirect(reqwest::redirect::Policy::none())`"
    ))
}

/// Why a failed attempt may be repeated, if it may: "try later" replies to calls that are safe to
/// repeat, and connections that failed before anything was sent.
fn retry_reason(request: &Request, error: &Error) -> Option<RetryReason> {
    match error {
        Error::Api(api) if request.idempotent && matches!(api.status.as_u16(), 429 | 503) => {
            Some(RetryReason::Status(api.status))
        }
        Error::Transport(e) if e.is_connect() => Some(RetryReason::Connect),
        _ => None,
    }
}

/// Builds a [`Client`]. Defaults: the document's server, no credentials, no redirects,
/// [`ClientBuilder::DEFAULT_CONNECT_TIMEOUT`] and [`ClientBuilder::DEFAULT_TIMEOUT`].
#[derive(Debug)]
pub struct ClientBuilder {
    /// Set by [`ClientBuilder::base_url`]; else the document's server with its variables.
    base_url: Option<String>,
    /// Server variables set, by name.
    variables: Vec<(&'static str, String)>,
    credentials: Option<Credentials>,
    http: Option<reqwest::Client>,
    timeout: Duration,
    connect_timeout: Duration,
    max_body: usize,
    retry: Option<RetryPolicy>,
    clock: Arc<dyn Clock>,
    user_agent_suffix: Option<String>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder::new()
    }
}

impl ClientBuilder {
    /// How long a whole call may take, from connecting to the last byte of the reply.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
    /// How long opening a connection may take.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// The largest success body read: far above any page of results, far below what hurts.
    pub const DEFAULT_MAX_BODY: usize = 32 * 1024 * 1024;

    pub fn new() -> Self {
        ClientBuilder {
            base_url: None,
            variables: Vec::new(),
            credentials: None,
            http: None,
            timeout: Self::DEFAULT_TIMEOUT,
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
            max_body: Self::DEFAULT_MAX_BODY,
            retry: None,
            clock: Arc::new(SystemClock),
            user_agent_suffix: None,
        }
    }

    /// Sends requests to `base_url` instead of the document's server (a test server, a proxy).
    /// Server variables set on this builder then do not apply.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sets a variable of the document's server URL (the generated setters call this).
    #[allow(dead_code, reason = "only documents whose server URL has variables set them")]
    pub(crate) fn server_variable(mut self, name: &'static str, value: String) -> Self {
        self.variables.retain(|(set, _)| *set != name);
        self.variables.push((name, value));
        self
    }

    /// A server variable as set on this builder.
    pub(crate) fn variable(&self, name: &str) -> Option<&str> {
        self.variables
            .iter()
            .find(|(set, _)| *set == name)
            .map(|(_, value)| value.as_str())
    }

    /// The document's server URL with each variable as set, or at its default; a value the
    /// document does not allow is refused.
    fn server_url(&self) -> Result<String, Error> {
        let mut url = crate::SERVER_TEMPLATE.to_owned();
        for (name, default, allowed) in crate::SERVER_VARIABLES {
            let value = self.variable(name).unwrap_or(default);
            if !allowed.is_empty() && !allowed.contains(&value) {
                return Err(Error::InvalidRequest(format!(
                    "server variable `{name}` cannot be `{value}`: the document allows `{}`",
                    allowed.join("`, `")
                )));
            }
            url = url.replace(&format!("{{{name}}}"), value);
        }
        Ok(url)
    }

    /// The credentials sent to operations that require them. Without any, such operations are sent
    /// without credentials and the server decides.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Uses your own `reqwest::Client` (`crate::reqwest` is the version this crate uses). Its own
    /// settings then apply instead of this builder's timeouts. Build it with
    /// `.redirect(reqwest::redirect::Policy::none())`: the client never follows redirects, and a
    /// call whose reply came through one fails with `Error::InvalidRequest` saying so.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Adds `product` (`my-app/1.2`) after the client's own `User-Agent`, so the API's owners can
    /// tell your application's calls apart.
    pub fn user_agent_suffix(mut self, product: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(product.into());
        self
    }

    /// Limits how long a whole call may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Limits how long opening a connection may take.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limits the size of a success body; a larger one fails the call with `Error::BodyTooLarge`.
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Repeats calls that fail with 429, 503 or a failed connection, as `policy` says. Off by default.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Reads the time from `clock` and waits with it, for token expiry and retries; tests move it
    /// forward instead of waiting.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Checks the base URL and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = match &self.base_url {
            Some(base_url) => base_url.clone(),
            None => self.server_url()?,
        };
        let base_url = base_url.trim_end_matches('/').to_owned();
        match reqwest::Url::parse(&base_url) {
            // Never echo such a URL: it holds a secret.
            Ok(url) if !url.username().is_empty() || url.password().is_some() => {
                return Err(Error::InvalidRequest(
                    "the base URL carries a username or password; give them with `ClientBuilder::credentials` instead"
                        .to_owned(),
                ))
            }
            Ok(url) if matches!(url.scheme(), "http" | "https") => {}
            // Echoed with the values of secret query keys masked.
            Ok(url) => {
                return Err(Error::InvalidRequest(format!(
                    "base URL `{}` has scheme `{}`; http or https is needed",
                    crate::runtime::redact_text::text(&base_url).text,
                    url.scheme()
                )))
            }
            Err(e) => {
                return Err(Error::InvalidRequest(format!(
                    "base URL `{}` is not a URL: {e}",
                    crate::runtime::redact_text::text(&base_url).text
                )))
            }
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout)
                .build()?,
        };
        let own = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
        let user_agent = match &self.user_agent_suffix {
            Some(suffix) => format!("{own} {suffix}"),
            None => own.to_owned(),
        };
        let user_agent = crate::runtime::http::header_value("User-Agent", &user_agent)?;
        let credentials = self
            .credentials
            .map(|credentials| credentials.activate(&http, self.max_body, &self.clock));
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                user_agent,
                credentials,
                max_body: self.max_body,
                retry: self.retry,
                clock: self.clock,
            }),
        })
    }
}
