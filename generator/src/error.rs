//! The one error type of the generator: where in which document, and what is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

/// A document the generator cannot turn into a client.
///
/// Displays as one line: `FILE: POINTER: MESSAGE`, where POINTER is a JSON pointer into the
/// document (`#/paths/~1v1~1token/post/requestBody`), so the place can be found with any editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub file: PathBuf,
    /// JSON pointer to the offending node, `#` for the whole document.
    pub pointer: String,
    pub message: String,
}

impl Error {
    pub fn new(file: &Path, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            file: file.to_path_buf(),
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer: Vec<String> = self.pointer.split('/').map(|token| shorten(token, 80)).collect();
        write!(
            f,
            "{}: {}: {}",
            self.file.display(),
            pointer.join("/"),
            shorten(&self.message, 400)
        )
    }
}

/// Keeps one line readable when a document holds huge keys or values: the start, then `…`.
fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

impl std::error::Error for Error {}

/// Builds JSON pointers (RFC 6901) from document keys, escaping `~` and `/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    pub fn root() -> Self {
        Pointer(String::from("#"))
    }

    /// This pointer with one more reference token.
    pub fn join(&self, token: impl fmt::Display) -> Self {
        let token = token.to_string().replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{}", self.0, token))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The reference tokens, unescaped: `#/paths/~1v1` → `["paths", "/v1"]`.
    pub fn tokens(&self) -> Vec<String> {
        self.0
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect()
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_slash_and_tilde() {
        let p = Pointer::root().join("paths").join("/v1/token").join("a~b");
        assert_eq!(p.as_str(), "#/paths/~1v1~1token/a~0b");
    }

    #[test]
    fn error_displays_on_one_line() {
        let e = Error::new(Path::new("spec/x.yaml"), "#/paths", "no paths");
        assert_eq!(e.to_string(), "spec/x.yaml: #/paths: no paths");
    }
}
