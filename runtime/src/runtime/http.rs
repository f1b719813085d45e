//! A request as operations describe it, and the reading of its reply.

use crate::error::{ApiError, DecodeError, Error, TwilioError};
use crate::runtime::redact_text;

/// One call, ready to send: built by an operation's `send`, sent by `Client::execute`.
pub struct Request {
    pub method: reqwest::Method,
    /// The path with its parameters filled in and percent-encoded.
    pub path: String,
    /// The encoded query string, without `?`; empty for none.
    pub query: String,
    pub headers: Vec<(&'static str, String)>,
    /// Cookie parameters, each `name=value`, already encoded: sent in one `Cookie` header.
    pub cookies: Vec<String>,
    pub body: Body,
    /// The ways this call may be authenticated: each a set of security schemes sent together, the
    /// first the client has every credential for is used; empty sends no credentials.
    pub auth: &'static [&'static [crate::auth::Scheme]],
    /// Statuses outside 2xx whose body is the operation's result (documented 3xx replies).
    pub results: &'static [u16],
    /// Safe to send twice: an idempotent method, or a call its caller marked `idempotent()`.
    pub idempotent: bool,
    /// The media types the operation's result comes in, for the `Accept` header.
    pub accept: &'static str,
    /// How long this call may take, each attempt, instead of the client's timeout.
    pub timeout: Option<std::time::Duration>,
    /// The operation's id and path template, which name the call in tracing.
    pub operation: &'static str,
    pub path_template: &'static str,
}

pub enum Body {
    Empty,
    /// An `application/x-www-form-urlencoded` body, already encoded.
    Form(String),
    Json {
        media_type: &'static str,
        bytes: Vec<u8>,
    },
    /// Any other media type (its type chosen by the caller, or a multipart boundary in it): the
    /// caller's bytes or text, or an encoded multipart body, sent as they are.
    Raw {
        media_type: String,
        bytes: Vec<u8>,
    },
}

/// A header value that holds a secret (an API key): marked sensitive, so it is never printed.
pub fn secret_header(name: &str, value: &str) -> Result<reqwest::header::HeaderValue, Error> {
    let mut value = header_value(name, value)?;
    value.set_sensitive(true);
    Ok(value)
}

/// A header value, refused (without echoing it) when it has characters a header cannot carry.
pub fn header_value(name: &str, value: &str) -> Result<reqwest::header::HeaderValue, Error> {
    reqwest::header::HeaderValue::from_str(value).map_err(|_| {
        Error::InvalidRequest(format!(
            "the value of header `{name}` has characters a header cannot carry"
        ))
    })
}

/// Adds the one `Cookie` header a request may carry (RFC 6265 §5.4): cookie parameters and API
/// keys, `; `-separated. Marked sensitive, as it may hold a key.
pub fn with_cookies(builder: reqwest::RequestBuilder, cookies: &[String]) -> Result<reqwest::RequestBuilder, Error> {
    if cookies.is_empty() {
        return Ok(builder);
    }
    let value = secret_header("Cookie", &cookies.join("; "))?;
    Ok(builder.header(reqwest::header::COOKIE, value))
}

/// A reply whose status carries the operation's result.
pub struct Reply {
    pub status: reqwest::StatusCode,
    pub headers: reqwest::header::HeaderMap,
    /// The whole body; empty when it is left to stream.
    pub body: Vec<u8>,
    /// What the request accepted, to name in an [`Error::UnexpectedContentType`].
    pub accept: &'static str,
    /// The reply itself, its body unread, when the caller streams it.
    pub stream: Option<reqwest::Response>,
}

/// How deeply a reply may nest arrays and objects. serde_json's own limit is 128, which a tree of
/// models whose children are a list of the same model reaches at 64 levels; the client allows
/// more, and checks the depth itself before decoding, so no reply can exhaust the stack.
pub const MAX_DEPTH: usize = 256;

impl Reply {
    /// Decodes the body as the operation's result. When it does not decode, the error keeps the
    /// body and serde_json's message with their secrets masked; or, when the reply says it is not
    /// JSON at all, names its `Content-Type`.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        decode(&self.body).map_err(|error| {
            // All of the body is read for secrets, so one the message quotes is known wherever it was.
            let whole = redact_text::masked(&String::from_utf8_lossy(&self.body));
            let kept = match self.body.len() > ApiError::BODY_LIMIT {
                true => redact_text::masked(&lossy_prefix(&self.body, ApiError::BODY_LIMIT)).text,
                false => whole.text,
            };
            let body = redact_text::sweep(kept, &whole.secrets);
            match self.content_type().filter(|c| !is_json(c)) {
                Some(content_type) => Error::UnexpectedContentType {
                    status: self.status,
                    content_type: content_type.chars().take(100).collect(),
                    expected: self.accept,
                    body,
                },
                None => Error::Decode {
                    status: self.status,
                    source: DecodeError::new(&error, &whole.secrets),
                    body,
                },
            }
        })
    }
}

impl Reply {
    /// A whole reply with no headers, answering a request for JSON.
    pub fn new(status: reqwest::StatusCode, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: reqwest::header::HeaderMap::new(),
            body,
            accept: "application/json",
            stream: None,
        }
    }

    /// The result of an operation that may answer without one (a `204`, a `304`, an empty body):
    /// `None` then, else the decoded body.
    pub fn json_optional<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, Error> {
        let bodiless = matches!(self.status.as_u16(), 204 | 205 | 304);
        if bodiless || self.body.is_empty() {
            return Ok(None);
        }
        self.json().map(Some)
    }

    /// The body as text (invalid UTF-8 replaced, never refused).
    pub fn take_text(&mut self) -> String {
        String::from_utf8_lossy(&std::mem::take(&mut self.body)).into_owned()
    }

    /// The body's bytes, as they came.
    pub fn take_bytes(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.body)
    }

    /// The result with the reply's status and headers.
    pub fn into_response<T>(self, value: T) -> crate::reply::Response<T> {
        crate::reply::Response::new(self.status, self.headers, value)
    }

    /// The body unread, as a stream of chunks.
    pub fn take_stream(&mut self) -> crate::reply::ByteStream {
        crate::reply::ByteStream::new(self.status, self.headers.clone(), self.stream.take())
    }

    fn content_type(&self) -> Option<String> {
        let value = self.headers.get(reqwest::header::CONTENT_TYPE)?;
        Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
    }
}

/// `application/json`, a structured `+json` type (`application/scim+json`), or `text/json`.
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

/// Decodes JSON nested at most [`MAX_DEPTH`] deep.
pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, serde_json::Error> {
    if nesting_depth(bytes) > MAX_DEPTH {
        return Err(serde::de::Error::custom(format_args!(
            "the reply nests arrays and objects more than {MAX_DEPTH} deep"
        )));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    deserializer.disable_recursion_limit();
    let value = T::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// The deepest nesting of arrays and objects in JSON text (brackets inside strings do not count).
/// Text that is not JSON gets a number too; the decoder then says what is wrong with it.
fn nesting_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &byte in bytes {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// What a call expects of its reply.
#[derive(Clone, Copy)]
pub struct Expect {
    /// Statuses outside 2xx whose body is the result.
    pub results: &'static [u16],
    /// What the request accepted.
    pub accept: &'static str,
    /// The caller reads the body as a stream.
    pub stream: bool,
}

/// Reads the reply: the whole body (up to `max_body`) when it is a result, none of it when the
/// caller streams the result, a bounded prefix when it is an error.
pub async fn read_reply(response: reqwest::Response, expect: Expect, max_body: usize) -> Result<Reply, Error> {
    let status = response.status();
    let Expect {
        results,
        accept,
        stream,
    } = expect;
    if status.is_success() || results.contains(&status.as_u16()) {
        let headers = response.headers().clone();
        if stream {
            return Ok(Reply {
                status,
                headers,
                body: Vec::new(),
                accept,
                stream: Some(response),
            });
        }
        let (body, end) = read_bounded(response, max_body).await;
        return match end {
            End::Complete => Ok(Reply {
                status,
                headers,
                body,
                accept,
                stream: None,
            }),
            End::Limit => Err(Error::BodyTooLarge {
                status,
                limit: max_body,
            }),
            End::Broken(source) => Err(Error::Body {
                status,
                source: redact_text::reqwest_error(source),
            }),
        };
    }
    let header = |name| {
        let value = response.headers().get(name)?;
        Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
    };
    // A redirect's target may carry a secret (`?code=…`, `#access_token=…`).
    let location = header(reqwest::header::LOCATION).map(|location| redact_text::text(&location).text);
    let retry_after = header(reqwest::header::RETRY_AFTER);
    // Every header, its values marked sensitive so `Debug` never prints them (a `Set-Cookie`, a
    // token); `ApiError::headers.get(..)` still reads them.
    let mut headers = response.headers().clone();
    for value in headers.values_mut() {
        value.set_sensitive(true);
    }
    // The status is what matters: if the connection breaks, keep what arrived and say it is cut.
    let (body, end) = read_bounded(response, ApiError::BODY_LIMIT).await;
    // Only the masked body is kept, and Twilio's error with the body's secrets masked in its texts.
    let scrubbed = redact_text::body(&String::from_utf8_lossy(&body));
    let twilio = TwilioError::parse(&body).map(|twilio| twilio.masked(&scrubbed.secrets));
    Err(Error::Api(Box::new(ApiError {
        status,
        twilio,
        body: scrubbed.text,
        truncated: !matches!(end, End::Complete),
        location,
        retry_after,
        headers,
    })))
}

/// Why reading a body stopped.
enum End {
    Complete,
    /// The limit was reached before the end.
    Limit,
    /// The connection broke or the time ran out.
    Broken(reqwest::Error),
}

/// At most `limit` bytes of the body, and why reading stopped. Stops at the limit, so a huge or
/// endless body costs no more than `limit` bytes of memory; keeps what arrived when reading fails.
async fn read_bounded(mut response: reqwest::Response, limit: usize) -> (Vec<u8>, End) {
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = limit - body.len();
                if chunk.len() > room {
                    body.extend_from_slice(&chunk[..room]);
                    return (body, End::Limit);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return (body, End::Complete),
            Err(e) => return (body, End::Broken(e)),
        }
    }
}

fn lossy_prefix(bytes: &[u8], limit: usize) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(limit)]).into_owned()
}
