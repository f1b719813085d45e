//! The client: base URL, credentials, timeouts, and the one function every request goes through.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::Credentials;
use crate::error::Error;
use crate::runtime::http::{Body, Reply, Request};

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
    credentials: Option<Credentials>,
    max_body: usize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
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

    pub(crate) async fn execute(&self, request: Request) -> Result<Reply, Error> {
        let mut url = format!("{}{}", self.inner.base_url, request.path);
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&request.query);
        }
        let mut builder = self
            .inner
            .http
            .request(request.method, url)
            .header(reqwest::header::ACCEPT, "application/json");
        builder = crate::auth::apply(builder, self.inner.credentials.as_ref(), request.auth);
        for (name, value) in request.headers {
            let value = reqwest::header::HeaderValue::from_str(&value).map_err(|_| {
                Error::InvalidRequest(format!("the value of header `{name}` has characters a header cannot carry"))
            })?;
            builder = builder.header(name, value);
        }
        builder = match request.body {
            Body::Empty => builder,
            Body::Form(text) => builder
                .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(text),
            Body::Json { media_type, bytes } => builder.header(reqwest::header::CONTENT_TYPE, media_type).body(bytes),
        };
        let response = builder.send().await?;
        crate::runtime::http::read_reply(response, request.results, self.inner.max_body).await
    }
}

/// Builds a [`Client`]. Defaults: the document's server, no credentials, no redirects,
/// [`ClientBuilder::DEFAULT_CONNECT_TIMEOUT`] and [`ClientBuilder::DEFAULT_TIMEOUT`].
#[derive(Debug)]
pub struct ClientBuilder {
    base_url: String,
    credentials: Option<Credentials>,
    http: Option<reqwest::Client>,
    timeout: Duration,
    connect_timeout: Duration,
    max_body: usize,
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
            base_url: crate::DEFAULT_BASE_URL.to_owned(),
            credentials: None,
            http: None,
            timeout: Self::DEFAULT_TIMEOUT,
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
            max_body: Self::DEFAULT_MAX_BODY,
        }
    }

    /// Sends requests to `base_url` instead of the document's server (a test server, a proxy).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The credentials sent to operations that require them. Without any, such operations are sent
    /// without credentials and the server decides.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Uses your own `reqwest::Client`. Its own settings then apply instead of this builder's
    /// timeouts; build it with `redirect(reqwest::redirect::Policy::none())` to keep 3xx replies.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
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

    /// Checks the base URL and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        match reqwest::Url::parse(&base_url) {
            // Never echo such a URL: it holds a secret.
            Ok(url) if !url.username().is_empty() || url.password().is_some() => {
                return Err(Error::InvalidRequest(
                    "the base URL carries a username or password; give them with `ClientBuilder::credentials` instead"
                        .to_owned(),
                ))
            }
            Ok(url) if matches!(url.scheme(), "http" | "https") => {}
            Ok(url) => {
                return Err(Error::InvalidRequest(format!(
                    "base URL `{base_url}` has scheme `{}`; http or https is needed",
                    url.scheme()
                )))
            }
            Err(e) => return Err(Error::InvalidRequest(format!("base URL `{base_url}` is not a URL: {e}"))),
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout)
                .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
                .build()?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                credentials: self.credentials,
                max_body: self.max_body,
            }),
        })
    }
}
