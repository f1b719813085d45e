//! Stage three: the IR to the files of a client crate.
//!
//! A printer: every name, type and choice was made by `lower` and is read from the IR; each file
//! has one module here that prints it. Rust files are built as token streams with `quote`, checked
//! by parsing them into a `syn::File` and printed by prettyplease, with blank lines between items;
//! the runtime's modules are copied from the `runtime` crate of this repository. The output depends
//! on nothing but the IR, so the same input gives the same bytes.

mod auth;
mod auth_pieces;
mod docs;
mod error;
mod files;
mod lib_rs;
mod manifest;
mod models;
mod operations;
mod readable;
mod readme;
mod runtime_files;
mod servers;
mod tests;
mod types;

pub use error::InternalError;
pub use files::{GeneratedFile, Origin, PendingFile, GENERATED_MARKER};

use files::Files;

use crate::ir::Api;

/// All files of the crate for `api`, sorted by path: the same bytes as [`emit_unformatted`] then
/// [`format`], but each file is formatted as soon as it is emitted (so the token streams of a
/// whole crate, several times the size of its text, are never alive at once), and the operations
/// (about half of the work) are emitted and formatted on a second thread (token streams cannot move
/// between threads).
pub fn emit(api: &Api) -> Result<Vec<GeneratedFile>, InternalError> {
    let half = |part: Part| -> Result<Vec<GeneratedFile>, InternalError> {
        let mut files = Files::formatting_at_once();
        part.emit(api, &mut files);
        files.finish()
    };
    let (operations, rest) = std::thread::scope(|scope| {
        let operations = scope.spawn(|| half(Part::Operations));
        let rest = half(Part::Rest);
        (operations.join(), rest)
    });
    let operations = operations.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let mut files = rest?;
    files.extend(operations?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The files of the crate for `api`, sorted by path, with the Rust ones still as token streams:
/// the emission stage alone, without parsing and printing (see [`format`]).
pub fn emit_unformatted(api: &Api) -> Vec<PendingFile> {
    let mut files = Files::pending();
    Part::Rest.emit(api, &mut files);
    Part::Operations.emit(api, &mut files);
    let mut files = files.into_pending();
    files.sort_by(|a, b| a.path().cmp(b.path()));
    files
}

/// The formatting stage: parses every emitted Rust file into a `syn::File` and prints it with
/// prettyplease; checks that every runtime module parses. Keeps the order of `files`.
pub fn format(files: Vec<PendingFile>) -> Result<Vec<GeneratedFile>, InternalError> {
    files.into_iter().map(PendingFile::format).collect()
}

/// The emitters, in two parts of about the same cost (measured on api_v2010; the operations are
/// about half of the output).
#[derive(Clone, Copy)]
enum Part {
    Operations,
    /// The models, the crate around them and the emitted tests.
    Rest,
}

impl Part {
    fn emit(self, api: &Api, files: &mut Files) {
        match self {
            Part::Operations => operations::emit(api, files),
            Part::Rest => {
                files.push(manifest::emit(api));
                files.push(readme::emit(api));
                files.push(lib_rs::emit(api));
                files.push(auth::emit(api));
                if let Some(servers) = servers::emit(api) {
                    files.push(servers);
                }
                runtime_files::emit(api, files);
                models::emit(api, files);
                tests::emit(api, files);
            }
        }
    }
}
