//! `cargo xtask corpus DIR [--only NAME] [--no-tests]`: the generator against a folder of documents.
//!
//! Every `*.yaml`/`*.yml`/`*.json` document in DIR, in file-name order, is loaded, lowered and emitted
//! in memory (timed). The crates are written into one scratch workspace, `target/corpus/`, one folder
//! per crate name, with a generated `target/corpus/Cargo.toml` listing them, so they share one target
//! folder (`target/corpus/target`) and one `Cargo.lock` (seeded from the project's own the first
//! time, so the same dependency versions are used). Writing goes through [`codegen::write`]: unchanged
//! files are not touched, and stale generated files are deleted.
//!
//! Then, once for the whole scratch workspace, `cargo clippy --all-targets -- -D warnings` (with
//! `--keep-going`, so one failing crate does not hide the others), a timed `cargo check` of every
//! clippy-clean crate (see [`check_times`]) and `cargo test --no-fail-fast`.
//! Clippy's JSON messages are attributed to crates by their target's source path; test results by
//! the `Running …`/`Doc-tests …` line that precedes each `test result:` line. The test output is kept
//! in `target/corpus/test.log`.
//!
//! Crate folders of documents that are not part of a run (`--only`, a removed document) are left in
//! place but are not members of the scratch workspace.
//!
//! This file holds the argument parsing, the document listing, the rows every stage fills in and
//! the run that chains the stages; each stage lives in its own module below.

mod cargo;
mod cargo_test;
mod check_time;
mod clippy;
mod generate;
mod report;
mod text;
mod workspace;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use generator::emit::GeneratedFile;

use crate::codegen;
use cargo_test::TestTally;
use check_time::check_times;

struct Args {
    dir: PathBuf,
    only: Option<String>,
    tests: bool,
    /// `--replies`: overrides each document's settings file.
    replies: Option<generator::ReplyMode>,
}

/// One document and what became of it.
struct Row {
    document: String,
    crate_name: String,
    /// Time spent loading, lowering and emitting, failed or not.
    generation: Duration,
    outcome: Result<Generated, String>,
    /// `None` when clippy did not run.
    check: Option<Result<(), String>>,
    /// `None` when the tests did not run.
    tests: Option<TestTally>,
    /// How long `cargo check` of the crate alone took, its dependencies built; `None` when not timed.
    check_time: Option<Duration>,
}

struct Generated {
    operations: usize,
    models: usize,
    files: Vec<GeneratedFile>,
}

impl Generated {
    /// Lines of every `.rs` file of the crate (sources and emitted tests).
    fn rust_lines(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.path.ends_with(".rs"))
            .map(|f| f.contents.lines().count())
            .sum()
    }
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let args = parse_args(args)?;
    let documents = documents(&args.dir, args.only.as_deref())?;
    if documents.is_empty() {
        bail!(
            "no *.yaml, *.yml or *.json document in {}{}",
            args.dir.display(),
            args.only
                .as_deref()
                .map(|only| format!(" whose name contains `{only}`"))
                .unwrap_or_default()
        );
    }
    let corpus = codegen::workspace_root().join("target/corpus");
    let started = Instant::now();

    stage(&format!(
        "generating {} document(s) from {}",
        documents.len(),
        args.dir.display()
    ));
    let mut rows = generate::generate_all(&documents, args.replies);

    write_and_check(&corpus, &mut rows, args.tests)?;

    stage("results");
    let summary = report::print(&rows, args.tests, started);
    if !summary.all_passed(args.tests) {
        bail!("{}", summary.line(args.tests));
    }
    Ok(())
}

/// Writes the crates that generated into the scratch workspace `corpus`, then runs clippy, the timed
/// `cargo check` and (with `tests`) the tests there, filling in each row's `check`, `check_time` and
/// `tests`. Nothing is written or run when no document generated.
fn write_and_check(corpus: &Path, rows: &mut [Row], tests: bool) -> anyhow::Result<()> {
    let members: Vec<String> = rows
        .iter()
        .filter(|row| row.outcome.is_ok())
        .map(|row| row.crate_name.clone())
        .collect();
    if members.is_empty() {
        return Ok(());
    }
    stage(&format!("writing {} crate(s) into {}", members.len(), corpus.display()));
    workspace::write_workspace(corpus, rows)?;

    stage("cargo clippy --workspace --all-targets --keep-going -- -D warnings (in target/corpus)");
    let checks = clippy::clippy(corpus, &members)?;
    for row in rows.iter_mut().filter(|row| row.outcome.is_ok()) {
        row.check = checks.get(&row.crate_name).cloned();
    }

    let clean: Vec<String> = rows
        .iter()
        .filter(|row| matches!(row.check, Some(Ok(()))))
        .map(|row| row.crate_name.clone())
        .collect();
    if !clean.is_empty() {
        stage("cargo check -j1 of every clippy-clean crate, each timed alone (in target/corpus)");
        let times = check_times(corpus, &clean)?;
        for row in rows.iter_mut() {
            row.check_time = times.get(&row.crate_name).copied();
        }
    }

    if tests {
        stage("cargo test --workspace --no-fail-fast (in target/corpus)");
        let tallies = cargo_test::test(corpus, &members)?;
        for row in rows.iter_mut().filter(|row| row.outcome.is_ok()) {
            row.tests = Some(tallies.get(&row.crate_name).cloned().unwrap_or_default());
        }
    }
    Ok(())
}

fn stage(what: &str) {
    println!("\n==> {what}");
}

fn parse_args(args: &[String]) -> anyhow::Result<Args> {
    let mut dir = None;
    let mut only = None;
    let mut tests = true;
    let mut replies = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--no-tests" => tests = false,
            "--replies" => replies = Some(crate::codegen::replies_flag(iter.next())?),
            "--only" => only = Some(iter.next().context("--only needs a NAME")?.clone()),
            other if other.starts_with('-') => bail!("unknown argument `{other}`\n{}", crate::USAGE),
            other if dir.is_none() => dir = Some(PathBuf::from(other)),
            other => bail!("unexpected argument `{other}`: one DIR only\n{}", crate::USAGE),
        }
    }
    let dir = dir.with_context(|| format!("corpus needs a DIR of documents\n{}", crate::USAGE))?;
    let dir = std::env::current_dir()
        .context("cannot read the current directory")?
        .join(dir);
    if !dir.is_dir() && !dir.is_file() {
        bail!("{} is neither a folder of documents nor a document", dir.display());
    }
    let dir = dir.canonicalize().unwrap_or(dir);
    Ok(Args {
        dir,
        only,
        tests,
        replies,
    })
}

/// The documents in `dir`, sorted by file name, keeping those whose name contains `only`; or `dir`
/// itself when it is one document (the root file of a document split over many files).
fn documents(dir: &Path, only: Option<&str>) -> anyhow::Result<Vec<PathBuf>> {
    if dir.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry.with_context(|| format!("cannot list {}", dir.display()))?.path();
        let is_document = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_document && path.is_file() && only.is_none_or(|only| name.contains(only)) {
            found.push(path);
        }
    }
    found.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(found)
}

/// Two member names, shared by the tests of the cargo output readers.
#[cfg(test)]
fn test_members() -> Vec<String> {
    vec!["twilio-api-v2010".to_string(), "twilio-oauth-v1".to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_sorted_filtered_and_only_yaml_or_json() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b_v1.yaml", "a_v2.json", "c_v1.yml", "LICENSE", "notes.md", "a_v1.yaml"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let names = |only| -> Vec<String> {
            documents(dir.path(), only)
                .unwrap()
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(names(None), ["a_v1.yaml", "a_v2.json", "b_v1.yaml", "c_v1.yml"]);
        assert_eq!(names(Some("_v1")), ["a_v1.yaml", "b_v1.yaml", "c_v1.yml"]);
    }
}
