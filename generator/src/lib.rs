//! Generates typed, async Rust clients from OpenAPI 3.0 documents.
//!
//! Three stages, each in its own module, with the IR as the boundary between them:
//! [`load`] reads the document, [`lower`] makes every decision and produces an [`ir::Api`],
//! [`emit`] turns the IR into formatted files. [`generate`] runs all three.

pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;

use std::path::Path;

pub use emit::GeneratedFile;
pub use error::Error;
pub use lower::Options;

/// Loads, lowers and emits the document at `spec`: the files of its client crate, in a stable order.
pub fn generate(spec: &Path, options: &Options) -> Result<Vec<GeneratedFile>, Error> {
    let doc = load::load_file(spec)?;
    let api = lower::lower(&doc, spec, options)?;
    emit::emit(&api).map_err(|e| Error::new(spec, "#", e))
}

/// The crate name for a document file: its stem in kebab-case (`twilio_oauth_v1.yaml` → `twilio-oauth-v1`).
pub fn crate_name_for(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    heck::ToKebabCase::to_kebab_case(stem.as_str())
}
