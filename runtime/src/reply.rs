//! What a successful call gives besides its result: the reply's status and headers, and, for large
//! downloads, the body as a stream.

use std::fmt;

use crate::error::Error;

/// An operation's result with the reply's status and headers (a request id, rate limits, a
/// `Location`), from a request builder's `send_with_metadata`.
pub struct Response<T> {
    status: reqwest::StatusCode,
    headers: reqwest::header::HeaderMap,
    value: T,
}

impl<T> Response<T> {
    pub(crate) fn new(status: reqwest::StatusCode, headers: reqwest::header::HeaderMap, value: T) -> Self {
        Response { status, headers, value }
    }

    /// The reply's status: a 2xx, or a 3xx the operation documents as a result.
    pub fn status(&self) -> reqwest::StatusCode {
        self.status
    }

    /// Every header of the reply.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The first value of header `name` (any case), when it is present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The decoded result.
    pub fn value(&self) -> &T {
        &self.value
    }

    pub fn into_value(self) -> T {
        self.value
    }

    pub fn into_parts(self) -> (reqwest::StatusCode, reqwest::header::HeaderMap, T) {
        (self.status, self.headers, self.value)
    }
}

/// Prints the status, the header names and the value; header values may carry a session or a
/// token, so they are left out.
impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(reqwest::header::HeaderName::as_str).collect();
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &names)
            .field("value", &self.value)
            .finish()
    }
}

/// A reply's body read chunk by chunk, so a download of any size takes no more memory than one
/// chunk. The client's timeout still covers the whole download.
pub struct ByteStream {
    status: reqwest::StatusCode,
    headers: reqwest::header::HeaderMap,
    response: Option<reqwest::Response>,
}

impl ByteStream {
    pub(crate) fn new(
        status: reqwest::StatusCode,
        headers: reqwest::header::HeaderMap,
        response: Option<reqwest::Response>,
    ) -> Self {
        ByteStream {
            status,
            headers,
            response,
        }
    }

    pub fn status(&self) -> reqwest::StatusCode {
        self.status
    }

    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The next piece of the body, or `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Vec<u8>>, Error> {
        let Some(response) = &mut self.response else {
            return Ok(None);
        };
        match response.chunk().await {
            Ok(Some(chunk)) => Ok(Some(chunk.to_vec())),
            Ok(None) => {
                self.response = None;
                Ok(None)
            }
            Err(source) => Err(Error::Body {
                status: self.status,
                source: crate::runtime::redact_text::reqwest_error(source),
            }),
        }
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("status", &self.status)
            .field("done", &self.response.is_none())
            .finish_non_exhaustive()
    }
}

/// A call on its way: what a request builder's `send`, `send_with_metadata` and `.await` give. A
/// future, `Send` and `'static`, so it can be awaited or spawned. One type for every operation:
/// the call itself is the client's one future, boxed, and only decoding the reply differs (no
/// state machine per operation for the compiler to check).
#[must_use = "a call does nothing until it is awaited"]
pub struct Pending<T> {
    state: State<T>,
}

enum State<T> {
    /// The request could not be built: the error, once.
    Failed(Option<Error>),
    Calling {
        call: std::pin::Pin<Box<dyn std::future::Future<Output = Result<crate::runtime::http::Reply, Error>> + Send>>,
        finish: fn(crate::runtime::http::Reply) -> Result<T, Error>,
    },
}

impl<T> Pending<T> {
    /// Sends `request` with `client` (leaving a success body unread when `stream`), then makes the
    /// result of the reply with `finish`. Operations call this; it is not for applications.
    #[doc(hidden)]
    pub fn new(
        client: crate::Client,
        request: Result<crate::runtime::http::Request, Error>,
        stream: bool,
        finish: fn(crate::runtime::http::Reply) -> Result<T, Error>,
    ) -> Self {
        let state = match request {
            Ok(request) => State::Calling {
                call: Box::pin(async move { client.execute_with(request, stream).await }),
                finish,
            },
            Err(error) => State::Failed(Some(error)),
        };
        Pending { state }
    }
}

impl<T> std::future::Future for Pending<T> {
    type Output = Result<T, Error>;

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        match &mut self.get_mut().state {
            State::Failed(error) => std::task::Poll::Ready(Err(error
                .take()
                .unwrap_or_else(|| Error::InvalidRequest("the call was polled again after it finished".to_owned())))),
            State::Calling { call, finish } => match call.as_mut().poll(cx) {
                std::task::Poll::Ready(reply) => std::task::Poll::Ready(reply.and_then(*finish)),
                std::task::Poll::Pending => std::task::Poll::Pending,
            },
        }
    }
}

impl<T> fmt::Debug for Pending<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending").finish_non_exhaustive()
    }
}
