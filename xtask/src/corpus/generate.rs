//! Generating every document in memory, timed, into the [`Row`]s the later stages fill in: the
//! generator's own load, lower and emit, keeping the IR's counts for the table.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::text::{first_line, millis};
use super::{Generated, Row};

/// `replies`: the `--replies` flag, which overrides each document's settings file.
pub(super) fn generate_all(documents: &[PathBuf], replies: Option<generator::ReplyMode>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for path in documents {
        let document = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let crate_name = generator::crate_name_for(path);
        let started = Instant::now();
        let outcome = generate(path, replies);
        let generation = started.elapsed();
        let outcome = match outcome {
            Ok(_) if rows.iter().any(|r| r.crate_name == crate_name && r.outcome.is_ok()) => Err(format!(
                "another document in the folder also gives the crate name `{crate_name}`"
            )),
            other => other,
        };
        match &outcome {
            Ok(g) => println!(
                "  {document}: {} operations, {} models, {} files, {} lines of Rust, {} ms",
                g.operations,
                g.models,
                g.files.len(),
                g.rust_lines(),
                millis(generation)
            ),
            Err(e) => println!("  {document}: FAILED after {} ms: {e}", millis(generation)),
        }
        rows.push(Row {
            document,
            crate_name,
            generation,
            outcome,
            check: None,
            tests: None,
            check_time: None,
        });
    }
    rows
}

/// Load, lower and emit, as `generator::generate` does, keeping the IR's counts.
fn generate(path: &Path, replies: Option<generator::ReplyMode>) -> Result<Generated, String> {
    let result = (|| -> Result<Generated, generator::GenerateError> {
        let mut options = generator::config::options_for(path)?;
        if let Some(replies) = replies {
            options.replies = replies;
        }
        let document = generator::load::load_document(path)?;
        let api =
            generator::lower::lower(&document.openapi, path, &options).map_err(|e| document.sources.relocate(e))?;
        let files = generator::emit::emit(&api)?;
        Ok(Generated {
            operations: api.operations.len(),
            models: api.types.len(),
            files,
        })
    })();
    result.map_err(|e| {
        // The table names the document already; keep the pointer and the message.
        let text = e.to_string();
        let prefix = format!("{}: ", path.display());
        first_line(text.strip_prefix(&prefix).unwrap_or(&text)).to_string()
    })
}
