//! A request as operations describe it, and the reading of its reply.

use crate::error::{ApiError, Error, TwilioError};

/// One call, ready to send: built by an operation's `send`, sent by `Client::execute`.
pub struct Request {
    pub method: reqwest::Method,
    /// The path with its parameters filled in and percent-encoded.
    pub path: String,
    /// The encoded query string, without `?`; empty for none.
    pub query: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
    /// The security schemes that may authenticate this call; empty sends no credentials.
    pub auth: &'static [crate::auth::Scheme],
    /// Statuses outside 2xx whose body is the operation's result (documented 3xx replies).
    pub results: &'static [u16],
}

pub enum Body {
    Empty,
    /// An `application/x-www-form-urlencoded` body, already encoded.
    Form(String),
    Json { media_type: &'static str, bytes: Vec<u8> },
}

/// A reply whose status carries the operation's result.
pub struct Reply {
    pub status: reqwest::StatusCode,
    pub body: Vec<u8>,
}

impl Reply {
    /// Decodes the body as the operation's result.
    pub fn json<T: serde::de::DeserializeOwned>(self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|source| Error::Decode {
            status: self.status,
            source,
            body: lossy_prefix(&self.body, ApiError::BODY_LIMIT),
        })
    }
}

/// Reads the reply: the whole body when it is a result, a bounded prefix when it is an error.
pub async fn read_reply(mut response: reqwest::Response, results: &[u16]) -> Result<Reply, Error> {
    let status = response.status();
    if status.is_success() || results.contains(&status.as_u16()) {
        let body = response.bytes().await?.to_vec();
        return Ok(Reply { status, body });
    }
    let mut body = Vec::new();
    let mut truncated = false;
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = ApiError::BODY_LIMIT - body.len();
                if chunk.len() > room {
                    body.extend_from_slice(&chunk[..room]);
                    truncated = true;
                    break;
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            // The status is what matters; keep what arrived and say it is incomplete.
            Err(_) => {
                truncated = true;
                break;
            }
        }
    }
    Err(Error::Api(ApiError {
        status,
        twilio: TwilioError::parse(&body),
        body: String::from_utf8_lossy(&body).into_owned(),
        truncated,
    }))
}

fn lossy_prefix(bytes: &[u8], limit: usize) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(limit)]).into_owned()
}
