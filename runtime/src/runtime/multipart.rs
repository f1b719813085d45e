//! `multipart/form-data` bodies (RFC 7578), encoded here into bytes rather than streamed: a body
//! built once can be sent again as is when a call is retried, and tests can compare it byte for byte.

use std::fmt;

use serde::Serialize;

use super::params::ParamValue;
use crate::error::Error;

/// A file to upload: its bytes, and optionally the file name and content type sent with it.
#[derive(Clone, PartialEq, Eq)]
pub struct File {
    bytes: Vec<u8>,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl File {
    pub fn new(bytes: impl Into<Vec<u8>>) -> File {
        File {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The name sent with the file; without one the field's name is sent in its place.
    pub fn file_name(mut self, name: impl Into<String>) -> File {
        self.file_name = Some(name.into());
        self
    }

    /// The file's media type; it wins over the document's, since the caller knows the file.
    pub fn content_type(mut self, content_type: impl Into<String>) -> File {
        self.content_type = Some(content_type.into());
        self
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl From<Vec<u8>> for File {
    fn from(bytes: Vec<u8>) -> Self {
        File::new(bytes)
    }
}

impl From<&[u8]> for File {
    fn from(bytes: &[u8]) -> Self {
        File::new(bytes)
    }
}

impl<const N: usize> From<[u8; N]> for File {
    fn from(bytes: [u8; N]) -> Self {
        File::new(bytes)
    }
}

/// The name, type and length only: a file's bytes may be secret, and are seldom readable anyway.
impl fmt::Debug for File {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("File")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// One part: its header lines, ending with the blank line, and its content.
struct Part {
    head: String,
    content: Vec<u8>,
}

/// A multipart/form-data body being built, parts in the order added.
#[derive(Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

impl Multipart {
    pub fn new() -> Self {
        Multipart::default()
    }

    fn push(&mut self, name: &str, file_name: Option<&str>, content_type: Option<&str>, content: Vec<u8>) {
        let mut head = format!("Content-Disposition: form-data; name=\"{}\"", escape_name(name));
        if let Some(file_name) = file_name {
            head.push_str(&format!("; filename=\"{}\"", escape_name(file_name)));
        }
        head.push_str("\r\n");
        if let Some(content_type) = content_type {
            // CR and LF dropped: a value from the document or the caller can never add a header.
            let value: String = content_type.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
            head.push_str(&format!("Content-Type: {value}\r\n"));
        }
        head.push_str("\r\n");
        self.parts.push(Part { head, content });
    }

    /// A text field: `value.to_param()`, with `content_type` when the document's encoding names one
    /// (no Content-Type header otherwise: RFC 7578 §4.4 makes text/plain the default).
    pub fn text<T: ParamValue>(&mut self, name: &str, value: &T, content_type: Option<&str>) {
        self.push(name, None, content_type, value.to_param().into_bytes());
    }

    /// Sends the field only when it was set.
    pub fn text_opt<T: ParamValue>(&mut self, name: &str, value: &Option<T>, content_type: Option<&str>) {
        if let Some(value) = value {
            self.text(name, value, content_type);
        }
    }

    /// One part per element, each with the same name (arrays of primitives).
    pub fn text_each<T: ParamValue>(&mut self, name: &str, values: &[T], content_type: Option<&str>) {
        for value in values {
            self.text(name, value, content_type);
        }
    }

    /// A file part. It always has a `filename` (the file's name, else the field's), which browsers
    /// send and servers look for to tell a file from a text field. Its Content-Type is the file's
    /// own, else the document's `content_type`, else application/octet-stream.
    pub fn file(&mut self, name: &str, file: &File, content_type: Option<&str>) {
        let file_name = file.file_name.as_deref().unwrap_or(name);
        let content_type = file.content_type.as_deref().or(content_type);
        let content_type = content_type.unwrap_or("application/octet-stream");
        self.push(name, Some(file_name), Some(content_type), file.bytes.clone());
    }

    /// Sends the file only when it was set.
    pub fn file_opt(&mut self, name: &str, file: &Option<File>, content_type: Option<&str>) {
        if let Some(file) = file {
            self.file(name, file, content_type);
        }
    }

    /// One part per file, each with the same name.
    pub fn file_each(&mut self, name: &str, files: &[File], content_type: Option<&str>) {
        for file in files {
            self.file(name, file, content_type);
        }
    }

    /// A JSON part (an object or array field): Content-Type application/json unless the document
    /// names another.
    pub fn json<T: Serialize>(&mut self, name: &str, value: &T, content_type: Option<&str>) -> Result<(), Error> {
        let content = serde_json::to_vec(value).map_err(|e| {
            Error::InvalidRequest(format!("multipart field `{name}` could not be encoded as JSON: {e}"))
        })?;
        self.push(name, None, Some(content_type.unwrap_or("application/json")), content);
        Ok(())
    }

    /// Sends the JSON part only when the value was set.
    pub fn json_opt<T: Serialize>(
        &mut self,
        name: &str,
        value: &Option<T>,
        content_type: Option<&str>,
    ) -> Result<(), Error> {
        match value {
            Some(value) => self.json(name, value, content_type),
            None => Ok(()),
        }
    }

    /// The body and its Content-Type header value (`multipart/form-data; boundary=…`).
    pub fn finish(self) -> (String, Vec<u8>) {
        let chunks: Vec<&[u8]> = self
            .parts
            .iter()
            .flat_map(|part| [part.head.as_bytes(), part.content.as_slice()])
            .collect();
        let boundary = boundary_for(&chunks, &chunks);
        let mut body = Vec::new();
        for part in &self.parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            body.extend_from_slice(part.head.as_bytes());
            body.extend_from_slice(&part.content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), body)
    }
}

/// A field or file name as the WHATWG HTML spec writes it in multipart/form-data: `"`, CR and LF
/// percent-encoded, so a name can neither end the quoted string nor the header; the rest stays UTF-8.
fn escape_name(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// The boundary for parts whose bytes (headers and contents, in order) are `hashed`: `boundary-` and
/// the 64-bit FNV-1a hash of them in 16 lowercase hex digits. Derived from the parts rather than
/// random, so the same body is always the same bytes (a retry sends what was sent, a test can pin
/// them). When the candidate occurs in any of `avoid`, the hash is taken again with a counter
/// (`1`, `2`, … in decimal) appended, until it occurs in none: a boundary inside a part would end
/// it early. Public so tests can force that with content that holds the first candidate.
pub fn boundary_for(hashed: &[&[u8]], avoid: &[&[u8]]) -> String {
    let base = hashed.iter().fold(FNV_OFFSET, |hash, chunk| fnv1a(hash, chunk));
    let clashes = |boundary: &str| {
        avoid
            .iter()
            .any(|chunk| chunk.windows(boundary.len()).any(|w| w == boundary.as_bytes()))
    };
    let mut boundary = format!("boundary-{base:016x}");
    let mut counter: u64 = 0;
    // Each position in `avoid` rules out at most one candidate, so this ends.
    while clashes(&boundary) {
        counter = counter.wrapping_add(1);
        boundary = format!("boundary-{:016x}", fnv1a(base, counter.to_string().as_bytes()));
    }
    boundary
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over `bytes`, continuing from `hash`: small, stable across versions and platforms.
fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(hash, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME))
}
