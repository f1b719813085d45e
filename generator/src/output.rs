//! Putting a generated crate on disk, or checking that it is there: what `cargo xtask codegen`, the
//! `openapi-rust-gen` command and a team's own `build.rs` or xtask share.
//!
//! Nothing is written unless every file was generated (call [`write`] with the result of
//! [`crate::generate`]); each file goes through a temporary file and a rename. Files in the folder
//! that generation no longer produces are deleted only if they carry the generated-file marker on
//! their first line: a file someone wrote is never removed.
//!
//! From a team's own xtask (or `build.rs`, writing into `OUT_DIR`):
//!
//! ```no_run
//! use std::path::Path;
//!
//! let spec = Path::new("api/openapi.yaml");
//! let options = generator::config::options_for(spec)?; // reads `api/openapi.toml` if there is one
//! let generated = generator::generate_with_warnings(spec, &options)?;
//! for warning in &generated.warnings {
//!     eprintln!("warning: {warning}");
//! }
//! let report = generator::output::write(Path::new("crates/api-client"), &generated.files)?;
//! println!("{} files written", report.written);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::emit::{GeneratedFile, GENERATED_MARKER};

/// A file operation that failed: what was being done, to which path, and why.
#[derive(Debug)]
pub struct OutputError {
    pub action: &'static str,
    pub path: PathBuf,
    pub source: std::io::Error,
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot {} {}: {}", self.action, self.path.display(), self.source)
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

fn failed<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> OutputError + 'p {
    move |source| OutputError {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// What [`write`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub deleted: usize,
    /// Files that are not generated and were left alone.
    pub kept: Vec<PathBuf>,
}

impl WriteReport {
    /// What happened, as lines to print: the counts, then each file kept.
    pub fn summary(&self, out: &Path, files: usize) -> String {
        let mut text = format!(
            "{}: {files} files, {} written, {} deleted\n",
            out.display(),
            self.written,
            self.deleted
        );
        for kept in &self.kept {
            text.push_str(&format!(
                "kept {}: not produced by the generator and not marked as generated\n",
                kept.display()
            ));
        }
        text
    }
}

/// Makes `out` hold exactly `files` (plus any file nobody generated). Unchanged files are not
/// rewritten, so their timestamps stay and cargo does not rebuild them.
pub fn write(out: &Path, files: &[GeneratedFile]) -> Result<WriteReport, OutputError> {
    let mut report = WriteReport::default();
    for file in files {
        let path = out.join(&file.path);
        if std::fs::read(&path).is_ok_and(|current| current == file.contents.as_bytes()) {
            continue;
        }
        let dir = path.parent().unwrap_or(out);
        std::fs::create_dir_all(dir).map_err(failed("create", dir))?;
        let temp = dir.join(format!(
            ".{}.tmp",
            path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        ));
        std::fs::write(&temp, &file.contents).map_err(failed("write", &temp))?;
        std::fs::rename(&temp, &path).map_err(failed("replace", &path))?;
        report.written += 1;
    }
    let expected: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for extra in existing_files(out)? {
        if expected.contains(extra.as_str()) {
            continue;
        }
        let path = out.join(&extra);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if text
            .lines()
            .next()
            .is_some_and(|first| first.contains(GENERATED_MARKER))
        {
            std::fs::remove_file(&path).map_err(failed("delete", &path))?;
            report.deleted += 1;
        } else {
            report.kept.push(path);
        }
    }
    Ok(report)
}

/// What is different between `out` and `files`: one line per file (`stale:`, `missing:`,
/// `extra:`); empty when `out` is up to date. Writes nothing.
pub fn check(out: &Path, files: &[GeneratedFile]) -> Result<Vec<String>, OutputError> {
    let mut problems = Vec::new();
    for file in files {
        let path = out.join(&file.path);
        match std::fs::read(&path) {
            Ok(current) if current == file.contents.as_bytes() => {}
            Ok(_) => problems.push(format!("  stale:   {}", file.path)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => problems.push(format!("  missing: {}", file.path)),
            Err(e) => return Err(failed("read", &path)(e)),
        }
    }
    let expected: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for extra in existing_files(out)? {
        if !expected.contains(extra.as_str()) {
            problems.push(format!("  extra:   {extra}"));
        }
    }
    Ok(problems)
}

/// Every file under `dir`, relative and with `/` separators, sorted; nothing when it does not exist.
fn existing_files(dir: &Path) -> Result<Vec<String>, OutputError> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = match std::fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(failed("list", &current)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(failed("list", &current))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(failed("list", &path))?;
            if kind.is_dir() {
                // A crate built on its own keeps its build output here; it is not part of the crate.
                if path.file_name().is_some_and(|n| n == "target") {
                    continue;
                }
                pending.push(path);
            } else if path.file_name().is_some_and(|n| n == "Cargo.lock") {
                // Written by cargo when the crate is built on its own; not part of the crate either.
                continue;
            } else if let Ok(relative) = path.strip_prefix(dir) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}
