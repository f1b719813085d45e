//! A bug in the generator, as opposed to a mistake in the document.

use std::fmt;

/// Emission made something that is not valid Rust. The document is not at fault: the generator is,
/// and the message says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalError {
    /// The emitted file, relative to the crate's root.
    pub path: String,
    pub message: String,
}

impl InternalError {
    pub fn new(path: &str, message: impl Into<String>) -> Self {
        InternalError {
            path: path.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for InternalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "internal error in the generator, not in the document (please report it): {}: {}",
            self.path, self.message
        )
    }
}

impl std::error::Error for InternalError {}
