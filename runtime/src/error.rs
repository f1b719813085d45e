//! The client's one error type: what went wrong, with the reply's status and body where there was one.
//! Whatever an error keeps of a reply has its secrets masked first (`runtime::redact_text`), since
//! `Debug` and `Display` print it.

use std::fmt;

/// Everything a call can fail with.
///
/// Errors never contain credentials or request bodies: only the status and body of the reply, the
/// decode error, or the transport error with its source. Bodies, decode messages, URLs and
/// `Location` headers are kept with the values of secret keys masked as `[redacted]`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a status that is not a success for this operation. Boxed: it is
    /// the largest variant, and keeping `Error` small keeps every `Result` small.
    Api(Box<ApiError>),
    /// A success reply's `Content-Type` is not what the operation documents, and its body does not
    /// decode as the result either (an HTML error page from a proxy, a media file).
    UnexpectedContentType {
        status: reqwest::StatusCode,
        /// The reply's `Content-Type`, as sent.
        content_type: String,
        /// What the operation documents (its `Accept`).
        expected: &'static str,
        /// The body as text, as [`Error::Decode`] keeps it: its first [`ApiError::BODY_LIMIT`]
        /// bytes, secrets masked.
        body: String,
    },
    /// The reply had a success status but its body is not what the document describes.
    Decode {
        status: reqwest::StatusCode,
        /// Why decoding failed, with line and column (serde_json's message, secrets masked).
        source: DecodeError,
        /// The body as text (lossy UTF-8), its first [`ApiError::BODY_LIMIT`] bytes, with the
        /// values of secret keys masked as `[redacted]`.
        body: String,
    },
    /// The request could not be sent, or no reply came (connection, TLS, timeout).
    Transport(reqwest::Error),
    /// A reply began (its status is known) but its body could not be read to the end: the
    /// connection broke or the time ran out.
    Body {
        status: reqwest::StatusCode,
        source: reqwest::Error,
    },
    /// A success reply's body is larger than the client accepts ([`crate::ClientBuilder::max_body`]).
    BodyTooLarge { status: reqwest::StatusCode, limit: usize },
    /// The request could not be built from the inputs given (an invalid base URL or header value).
    InvalidRequest(String),
    /// The access token the call needs could not be had (the token server failed or refused); the
    /// call was not sent. Usually holds a [`Error`] from the token request.
    Token(Box<dyn std::error::Error + Send + Sync>),
    /// A call repeated by the client's [`crate::retry::RetryPolicy`] failed every time: the last
    /// error, and how many times the call was sent.
    Exhausted { attempts: u32, last: Box<Error> },
}

impl Error {
    /// The HTTP status of the reply, when there was one.
    pub fn status(&self) -> Option<reqwest::StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode { status, .. }
            | Error::UnexpectedContentType { status, .. }
            | Error::Body { status, .. }
            | Error::BodyTooLarge { status, .. } => Some(*status),
            Error::Transport(e) => e.status(),
            Error::InvalidRequest(_) => None,
            Error::Token(source) => source.downcast_ref::<Error>().and_then(Error::status),
            Error::Exhausted { last, .. } => last.status(),
        }
    }

    /// The call ran out of time: connecting, waiting for the reply, or reading its body (the
    /// client's `timeout`, or the builder's `request_timeout`).
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Transport(e) | Error::Body { source: e, .. } => e.is_timeout(),
            Error::Exhausted { last, .. } => last.is_timeout(),
            _ => false,
        }
    }

    /// No connection could be made (refused, unreachable, DNS, TLS): nothing reached the server.
    pub fn is_connect(&self) -> bool {
        match self {
            Error::Transport(e) => e.is_connect(),
            Error::Exhausted { last, .. } => last.is_connect(),
            _ => false,
        }
    }

    /// Worth trying again later, if the call is safe to repeat: a `429` or a `5xx` reply, a timeout,
    /// or a connection that failed. (The client's own `RetryPolicy` repeats only 429, 503 and failed
    /// connections, and only calls that are safe to repeat.)
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(api) => api.status.as_u16() == 429 || api.status.is_server_error(),
            Error::Transport(_) | Error::Body { .. } => self.is_timeout() || self.is_connect(),
            Error::Token(source) => source.downcast_ref::<Error>().is_some_and(Error::is_retryable),
            _ => false,
        }
    }

    /// The error with `secrets` (the credentials a call sent) masked wherever it keeps a reply that
    /// echoes them. Secrets shorter than eight characters are masked only where a secret key names
    /// them (see `runtime::redact_text`).
    pub(crate) fn masking(self, secrets: &[String]) -> Error {
        use crate::runtime::redact_text::sweep;
        if secrets.is_empty() {
            return self;
        }
        match self {
            Error::Api(mut api) => {
                api.body = sweep(std::mem::take(&mut api.body), secrets);
                api.twilio = api.twilio.map(|twilio| twilio.masked(secrets));
                api.location = api.location.map(|location| sweep(location, secrets));
                Error::Api(api)
            }
            Error::Decode { status, source, body } => Error::Decode {
                status,
                source: source.masked(secrets),
                body: sweep(body, secrets),
            },
            Error::UnexpectedContentType {
                status,
                content_type,
                expected,
                body,
            } => Error::UnexpectedContentType {
                status,
                content_type,
                expected,
                body: sweep(body, secrets),
            },
            other => other,
        }
    }

    /// Twilio's structured error (`code`, `message`, `more_info`), when the reply carried one.
    pub fn twilio(&self) -> Option<&TwilioError> {
        match self {
            Error::Api(api) => api.twilio.as_ref(),
            Error::Exhausted { last, .. } => last.twilio(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(api) => api.fmt(f),
            Error::Decode { status, source, .. } => {
                write!(f, "the {status} reply could not be decoded: {source}")
            }
            Error::UnexpectedContentType {
                status,
                content_type,
                expected,
                ..
            } => write!(
                f,
                "the {status} reply is `{content_type}`, not the `{expected}` the operation documents"
            ),
            Error::Transport(e) if e.is_timeout() => write!(f, "the request timed out: {e}"),
            Error::Transport(e) if e.is_connect() => write!(f, "could not connect: {e}"),
            Error::Transport(e) => write!(f, "the request failed: {e}"),
            Error::Body { status, source } if source.is_timeout() => {
                write!(f, "the body of the {status} reply timed out: {source}")
            }
            Error::Body { status, source } => write!(f, "the body of the {status} reply could not be read: {source}"),
            Error::BodyTooLarge { status, limit } => {
                write!(
                    f,
                    "the body of the {status} reply is larger than the {limit} bytes this client accepts"
                )
            }
            Error::InvalidRequest(why) => write!(f, "the request could not be built: {why}"),
            Error::Token(source) => write!(f, "no access token: {source}"),
            Error::Exhausted { attempts, last } => write!(f, "{last} (gave up after {attempts} attempts)"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode { source, .. } => Some(source),
            Error::Transport(e) | Error::Body { source: e, .. } => Some(e),
            Error::Token(source) => Some(source.as_ref()),
            Error::Exhausted { last, .. } => Some(last.as_ref()),
            Error::Api(_)
            | Error::InvalidRequest(_)
            | Error::BodyTooLarge { .. }
            | Error::UnexpectedContentType { .. } => None,
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        // reqwest puts the URL in its errors: it stays, with the values of secret query keys masked.
        Error::Transport(crate::runtime::redact_text::reqwest_error(e))
    }
}

/// Why a reply did not decode: serde_json's message, with every secret of the body masked (serde
/// quotes the values it rejects), and where in the body it went wrong. Prints as serde_json's
/// error does: `invalid type: integer `5`, expected a string at line 1 column 17`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    message: String,
    line: usize,
    column: usize,
    category: serde_json::error::Category,
}

impl DecodeError {
    /// serde_json's error about a body, with `secrets` (the body's, as `runtime::redact_text` found
    /// them) masked in its message.
    pub(crate) fn new(error: &serde_json::Error, secrets: &[String]) -> Self {
        let text = error.to_string();
        let position = format!(" at line {} column {}", error.line(), error.column());
        let message = match error.line() {
            0 => text.as_str(),
            _ => text.strip_suffix(&position).unwrap_or(&text),
        };
        DecodeError {
            message: crate::runtime::redact_text::message(message, secrets),
            line: error.line(),
            column: error.column(),
            category: error.classify(),
        }
    }

    /// What is wrong, without the position.
    /// The error with `secrets` masked in its message too.
    pub(crate) fn masked(mut self, secrets: &[String]) -> Self {
        self.message = crate::runtime::redact_text::message(&self.message, secrets);
        self
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// The line (from 1) where decoding stopped; 0 when the error is about no place in the body.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column (from 1) where decoding stopped.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The kind of failure, as serde_json classifies it.
    pub fn classify(&self) -> serde_json::error::Category {
        self.category
    }

    /// Not JSON at all, or broken JSON.
    pub fn is_syntax(&self) -> bool {
        self.category == serde_json::error::Category::Syntax
    }

    /// JSON, but not of the shape the operation's result has.
    pub fn is_data(&self) -> bool {
        self.category == serde_json::error::Category::Data
    }

    /// The body ended before the JSON did.
    pub fn is_eof(&self) -> bool {
        self.category == serde_json::error::Category::Eof
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => f.write_str(&self.message),
            line => write!(f, "{} at line {line} column {}", self.message, self.column),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A reply whose status is not a success.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    pub status: reqwest::StatusCode,
    /// Twilio's error object, when the body is one.
    pub twilio: Option<TwilioError>,
    /// The body as text (lossy UTF-8), at most [`ApiError::BODY_LIMIT`] bytes of it, with the values
    /// of secret keys masked as `[redacted]` (so a little longer when a short secret was masked).
    pub body: String,
    /// Whether `body` was cut at [`ApiError::BODY_LIMIT`], or the connection broke before its end.
    pub truncated: bool,
    /// The `Location` header of a redirect, which the client does not follow.
    pub location: Option<String>,
    /// The `Retry-After` header (seconds or an HTTP date), as sent with a 429 or 503.
    pub retry_after: Option<String>,
    /// Every header of the reply (a request id for support, rate limits). `Debug` prints their
    /// names only: the values are marked sensitive.
    pub headers: reqwest::header::HeaderMap,
}

impl ApiError {
    /// How much of an error body is kept.
    pub const BODY_LIMIT: usize = 64 * 1024;
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the server answered {}", self.status)?;
        if let Some(location) = &self.location {
            write!(f, " (Location: {location})")?;
        }
        if let Some(twilio) = &self.twilio {
            return write!(f, ": {twilio}");
        }
        let text = self.body.trim();
        if text.is_empty() {
            return Ok(());
        }
        // Enough of a non-JSON body (an HTML page, a proxy's message) to recognise it.
        const SHOWN: usize = 200;
        match text.char_indices().nth(SHOWN) {
            Some((cut, _)) => write!(f, ": {}…", &text[..cut]),
            None if self.truncated => write!(f, ": {text}…"),
            None => write!(f, ": {text}"),
        }
    }
}

/// Twilio's error body: `{"code": 20404, "message": "...", "more_info": "...", "status": 404}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TwilioError {
    /// Twilio's error code, documented at `more_info`.
    pub code: Option<i64>,
    pub message: Option<String>,
    pub more_info: Option<String>,
    /// The HTTP status as the body states it.
    pub status: Option<u16>,
}

impl TwilioError {
    /// Reads Twilio's error object from a body, tolerating missing fields and fields of other types
    /// (a status sent as a string);
    /// `None` unless the body is a JSON object with a `code` or a `message`.
    pub(crate) fn parse(body: &[u8]) -> Option<TwilioError> {
        let value: serde_json::Value = serde_json::from_slice(body).ok()?;
        let object = value.as_object()?;
        let text = |key: &str| object.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let number = |key: &str| {
            object
                .get(key)
                .and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok())))
        };
        // Twilio's APIs spell it three ways: `{code, message, more_info, status}`, the organizations
        // API's `{code, message, moreInfo, status}`, and SCIM's `{detail, scimType, status: "400"}`
        // (monitor v2 adds `http_status_code`).
        let error = TwilioError {
            code: number("code"),
            message: text("message").or_else(|| text("detail")),
            more_info: text("more_info").or_else(|| text("moreInfo")),
            status: number("status")
                .or_else(|| number("http_status_code"))
                .and_then(|s| u16::try_from(s).ok()),
        };
        (error.code.is_some() || error.message.is_some()).then_some(error)
    }

    /// The same error with `secrets` (its body's) masked in its texts, which may quote a value.
    /// Its `code` and `status` are numbers, which are never secrets.
    pub(crate) fn masked(mut self, secrets: &[String]) -> Self {
        let mask = |text: Option<String>| text.map(|text| crate::runtime::redact_text::message(&text, secrets));
        self.message = mask(self.message);
        self.more_info = mask(self.more_info);
        self
    }
}

impl fmt::Display for TwilioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.code, &self.message) {
            (Some(code), Some(message)) => write!(f, "{message} (Twilio error {code})")?,
            (Some(code), None) => write!(f, "Twilio error {code}")?,
            (None, Some(message)) => f.write_str(message)?,
            (None, None) => f.write_str("unknown Twilio error")?,
        }
        if let Some(more_info) = &self.more_info {
            write!(f, ", see {more_info}")?;
        }
        Ok(())
    }
}
