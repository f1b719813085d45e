//! Generates typed, async Rust clients from OpenAPI 3.0 documents.
//!
//! Three stages, each in its own module, with the IR as the boundary between them:
//! [`load`] reads the document, [`lower`] makes every decision and produces an [`ir::Api`],
//! [`emit`] turns the IR into formatted files. [`generate`] runs all three.

#![warn(clippy::too_many_lines)]

pub mod config;
pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod output;

use std::path::Path;

pub use emit::{GeneratedFile, InternalError};
pub use error::Error;
pub use ir::ReplyMode;
pub use lower::Options;

/// Why no crate could be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GenerateError {
    /// The document is broken or uses something the generator does not support.
    Document(Error),
    /// The generator made invalid code: a bug here, not in the document.
    Internal(InternalError),
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenerateError::Document(e) => e.fmt(f),
            GenerateError::Internal(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for GenerateError {}

impl From<Error> for GenerateError {
    fn from(e: Error) -> Self {
        GenerateError::Document(e)
    }
}

impl From<InternalError> for GenerateError {
    fn from(e: InternalError) -> Self {
        GenerateError::Internal(e)
    }
}

/// Loads, lowers and emits the document at `spec`: the files of its client crate, in a stable order.
/// Warnings are dropped; [`generate_with_warnings`] returns them.
pub fn generate(spec: &Path, options: &Options) -> Result<Vec<GeneratedFile>, GenerateError> {
    generate_with_warnings(spec, options).map(|generated| generated.files)
}

/// What [`generate_with_warnings`] made.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The files of the client crate, in a stable order.
    pub files: Vec<GeneratedFile>,
    /// Mistakes in the document that cost only the part they name, each with where it is.
    pub warnings: Vec<Error>,
}

/// Like [`generate`], and also says which mistakes in the document it went past.
pub fn generate_with_warnings(spec: &Path, options: &Options) -> Result<Generated, GenerateError> {
    let document = load::load_document(spec)?;
    let api = lower::lower(&document.openapi, spec, options).map_err(|e| document.sources.relocate(e))?;
    let warnings = document
        .warnings
        .iter()
        .chain(&api.warnings)
        .map(|w| {
            document
                .sources
                .relocate(Error::new(spec, w.pointer.as_str(), w.message.as_str()))
        })
        .collect();
    Ok(Generated {
        files: emit::emit(&api)?,
        warnings,
    })
}

/// The crate name for a document file: its stem in kebab-case (`twilio_oauth_v1.yaml` → `twilio-oauth-v1`).
pub fn crate_name_for(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    heck::ToKebabCase::to_kebab_case(stem.as_str())
}
