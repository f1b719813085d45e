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

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use generator::emit::GeneratedFile;

use crate::codegen;

/// Longest error text in the table's check column.
const CHECK_WIDTH: usize = 100;

struct Args {
    dir: PathBuf,
    only: Option<String>,
    tests: bool,
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
    let mut rows = generate_all(&documents);

    let members: Vec<String> = rows
        .iter()
        .filter(|row| row.outcome.is_ok())
        .map(|row| row.crate_name.clone())
        .collect();
    if !members.is_empty() {
        stage(&format!("writing {} crate(s) into {}", members.len(), corpus.display()));
        write_workspace(&corpus, &rows)?;

        stage("cargo clippy --workspace --all-targets --keep-going -- -D warnings (in target/corpus)");
        let checks = clippy(&corpus, &members)?;
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
            let times = check_times(&corpus, &clean)?;
            for row in rows.iter_mut() {
                row.check_time = times.get(&row.crate_name).copied();
            }
        }

        if args.tests {
            stage("cargo test --workspace --no-fail-fast (in target/corpus)");
            let tallies = test(&corpus, &members)?;
            for row in rows.iter_mut().filter(|row| row.outcome.is_ok()) {
                row.tests = Some(tallies.get(&row.crate_name).cloned().unwrap_or_default());
            }
        }
    }

    stage("results");
    println!("{}", table(&rows, args.tests));
    let summary = Summary::of(&rows);
    println!("{}", summary.line(args.tests));
    println!("wall time {:.1} s", started.elapsed().as_secs_f64());
    let failures: Vec<&Row> = rows.iter().filter(|row| row.outcome.is_err()).collect();
    if !failures.is_empty() {
        println!("\ngeneration failures:");
        for row in failures {
            if let Err(e) = &row.outcome {
                println!("  {}: {e}", row.crate_name);
            }
        }
    }
    if !summary.all_passed(args.tests) {
        bail!("{}", summary.line(args.tests));
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
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--no-tests" => tests = false,
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
    if !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    let dir = dir.canonicalize().unwrap_or(dir);
    Ok(Args { dir, only, tests })
}

/// The documents in `dir`, sorted by file name, keeping those whose name contains `only`.
fn documents(dir: &Path, only: Option<&str>) -> anyhow::Result<Vec<PathBuf>> {
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

fn generate_all(documents: &[PathBuf]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for path in documents {
        let document = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let crate_name = generator::crate_name_for(path);
        let started = Instant::now();
        let outcome = generate(path, &crate_name);
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
fn generate(path: &Path, crate_name: &str) -> Result<Generated, String> {
    let options = generator::Options::new(crate_name);
    let result = generator::load::load_file(path)
        .and_then(|doc| generator::lower::lower(&doc, path, &options))
        .and_then(|api| {
            let files = generator::emit::emit(&api).map_err(|e| generator::Error::new(path, "#", e))?;
            Ok(Generated {
                operations: api.operations.len(),
                models: api.types.len(),
                files,
            })
        });
    result.map_err(|e| {
        // The table names the document already; keep the pointer and the message.
        let text = e.to_string();
        let prefix = format!("{}: ", path.display());
        first_line(text.strip_prefix(&prefix).unwrap_or(&text)).to_string()
    })
}

fn millis(duration: Duration) -> String {
    format!("{:.1}", duration.as_secs_f64() * 1000.0)
}

fn first_line(text: &str) -> &str {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim_end()
}

/// At most `max` characters of `text`, ending with `…` when cut.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max.saturating_sub(1)) {
        Some((at, _)) if text.chars().count() > max => format!("{}…", &text[..at]),
        _ => text.to_string(),
    }
}

/// Writes each generated crate into `corpus/<crate>` and the workspace manifest listing them.
fn write_workspace(corpus: &Path, rows: &[Row]) -> anyhow::Result<()> {
    let mut written = 0;
    let mut deleted = 0;
    for row in rows {
        let Ok(generated) = &row.outcome else { continue };
        let report = codegen::write(&corpus.join(&row.crate_name), &generated.files)?;
        written += report.written;
        deleted += report.deleted;
        for kept in report.kept {
            println!("  kept {}: not generated and not marked as generated", kept.display());
        }
    }
    let members: Vec<&str> = rows
        .iter()
        .filter(|r| r.outcome.is_ok())
        .map(|r| r.crate_name.as_str())
        .collect();
    let manifest = workspace_manifest(&members);
    let manifest_path = corpus.join("Cargo.toml");
    if std::fs::read_to_string(&manifest_path).ok().as_deref() != Some(manifest.as_str()) {
        std::fs::write(&manifest_path, manifest)
            .with_context(|| format!("cannot write {}", manifest_path.display()))?;
        written += 1;
    }
    // The same dependency versions as the project itself, and no registry look-up when nothing new
    // is needed; cargo adds and prunes entries from there.
    let lock = corpus.join("Cargo.lock");
    let root_lock = codegen::workspace_root().join("Cargo.lock");
    if !lock.exists() && root_lock.is_file() {
        std::fs::copy(&root_lock, &lock).with_context(|| format!("cannot copy {}", root_lock.display()))?;
    }
    println!("  {written} file(s) written, {deleted} deleted");
    Ok(())
}

fn workspace_manifest(members: &[&str]) -> String {
    let mut text = String::from(
        "# @generated by `cargo xtask corpus`: a scratch workspace of generated crates; do not edit\n\
         [workspace]\nresolver = \"2\"\nmembers = [\n",
    );
    for member in members {
        text.push_str(&format!("    \"{member}\",\n"));
    }
    text.push_str("]\n");
    text
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.env("CARGO_TERM_COLOR", "never");
    command
}

/// Runs clippy once over the scratch workspace: per member, `Ok` or its first error line.
fn clippy(corpus: &Path, members: &[String]) -> anyhow::Result<BTreeMap<String, Result<(), String>>> {
    let mut child = cargo()
        .current_dir(corpus)
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--keep-going",
            "--message-format=json",
            "--",
            "-D",
            "warnings",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run cargo clippy")?;
    // Cargo's own progress goes to stderr: show it, and keep it for an error that is nobody's.
    let stderr = child.stderr.take().context("no stderr from cargo clippy")?;
    let echo = std::thread::spawn(move || {
        let mut kept = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("  {line}");
            kept.push(line);
        }
        kept
    });
    let stdout = child.stdout.take().context("no stdout from cargo clippy")?;
    let mut messages = ClippyMessages::new(corpus, members);
    for line in BufReader::new(stdout).lines() {
        messages.read_line(&line.context("cannot read cargo clippy's output")?);
    }
    let status = child.wait().context("cargo clippy did not finish")?;
    let stderr_lines = echo.join().unwrap_or_default();
    let fallback = stderr_lines
        .iter()
        .find(|l| l.trim_start().starts_with("error"))
        .map(|l| l.trim().to_string())
        .unwrap_or_else(|| format!("cargo clippy failed ({status})"));
    Ok(messages.results(status.success(), &fallback))
}

/// What clippy said about each member.
struct ClippyMessages {
    corpus: PathBuf,
    members: BTreeSet<String>,
    /// Distinct error lines per crate, in order of arrival.
    errors: BTreeMap<String, Vec<String>>,
    /// Crates for which some target was checked.
    checked: BTreeSet<String>,
}

impl ClippyMessages {
    fn new(corpus: &Path, members: &[String]) -> Self {
        ClippyMessages {
            corpus: corpus.to_path_buf(),
            members: members.iter().cloned().collect(),
            errors: BTreeMap::new(),
            checked: BTreeSet::new(),
        }
    }

    /// One line of `--message-format=json` output; anything that is not a JSON object is ignored.
    fn read_line(&mut self, line: &str) {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
            return;
        };
        let reason = value["reason"].as_str().unwrap_or_default();
        if reason != "compiler-message" && reason != "compiler-artifact" {
            return;
        }
        let Some(krate) = self.crate_of(&value) else { return };
        if reason == "compiler-artifact" {
            self.checked.insert(krate);
            return;
        }
        let message = &value["message"];
        if message["level"].as_str() != Some("error") {
            return;
        }
        let text = message["rendered"]
            .as_str()
            .map(first_line)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .or_else(|| message["message"].as_str().map(|m| format!("error: {}", first_line(m))))
            .unwrap_or_else(|| "error".to_string());
        if text.starts_with("error: aborting due to") {
            return;
        }
        let errors = self.errors.entry(krate).or_default();
        if !errors.contains(&text) {
            errors.push(text);
        }
    }

    /// The member a message is about: by its target's source path under the scratch workspace, or
    /// else by its package id (`path+file:///…/corpus/NAME#1.0.0` or `…#NAME@1.0.0`).
    fn crate_of(&self, value: &serde_json::Value) -> Option<String> {
        member_of(&self.corpus, &self.members, value)
    }

    fn results(self, success: bool, fallback: &str) -> BTreeMap<String, Result<(), String>> {
        let mut results = BTreeMap::new();
        for member in &self.members {
            let result = match self.errors.get(member) {
                Some(errors) => {
                    let more = if errors.len() > 1 {
                        format!(" (+{} more)", errors.len() - 1)
                    } else {
                        String::new()
                    };
                    Err(format!("{}{more}", errors[0]))
                }
                None if self.checked.contains(member) => Ok(()),
                None if success => Ok(()),
                None => Err(format!("not checked: {fallback}")),
            };
            results.insert(member.clone(), result);
        }
        results
    }
}

/// The member of the scratch workspace `corpus` a cargo JSON message is about: by its target's
/// source path, or else by its package id (`path+file:///…/corpus/NAME#1.0.0` or `…#NAME@1.0.0`).
fn member_of(corpus: &Path, members: &BTreeSet<String>, value: &serde_json::Value) -> Option<String> {
    let by_path = value["target"]["src_path"]
        .as_str()
        .and_then(|src| Path::new(src).strip_prefix(corpus).ok())
        .and_then(|relative| relative.components().next())
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let by_id = || {
        let id = value["package_id"].as_str()?;
        let (location, fragment) = id.split_once('#').unwrap_or((id, ""));
        match fragment.split_once('@') {
            Some((name, _)) => Some(name.to_string()),
            None => location.rsplit('/').next().map(str::to_string),
        }
    };
    by_path
        .filter(|name| members.contains(name))
        .or_else(|| by_id().filter(|name| members.contains(name)))
}

/// `cargo check` time of each crate alone, its dependencies already built: what a user waits for
/// after generating a crate, and what peers are compared on.
///
/// One `cargo check -j1 --message-format=json -p A -p B …` with `CARGO_INCREMENTAL=0`, after the
/// sources of the crates were touched, so each is checked from scratch. With one job, cargo runs one
/// rustc at a time, so a crate's time is from the previous unit's end (the last of its
/// dependencies, already built by clippy or built just before it) to its own `compiler-artifact`
/// message: its rustc alone, not sharing the two cores with another crate. Dependencies that need
/// building (features clippy's `--all-targets` unified differently) are timed as their own units
/// and not counted. Only clippy-clean crates are timed, so no unit fails in between.
fn check_times(corpus: &Path, members: &[String]) -> anyhow::Result<BTreeMap<String, Duration>> {
    for member in members {
        let lib = corpus.join(member).join("src/lib.rs");
        std::fs::File::options()
            .append(true)
            .open(&lib)
            .and_then(|file| file.set_modified(std::time::SystemTime::now()))
            .with_context(|| format!("cannot touch {}", lib.display()))?;
    }
    let mut command = cargo();
    command.current_dir(corpus).env("CARGO_INCREMENTAL", "0").args([
        "check",
        "-j1",
        "--keep-going",
        "--message-format=json",
    ]);
    for member in members {
        command.args(["-p", member]);
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("cannot run cargo check")?;
    let stdout = child.stdout.take().context("no stdout from cargo check")?;
    let members_set: BTreeSet<String> = members.iter().cloned().collect();
    let mut times = BTreeMap::new();
    let mut previous = Instant::now();
    for line in BufReader::new(stdout).lines() {
        let line = line.context("cannot read cargo check's output")?;
        let now = Instant::now();
        if let Some((member, fresh)) = unit_finished(corpus, &members_set, &line) {
            if let (Some(member), false) = (member, fresh) {
                println!("  {member}: {:.1} s", (now - previous).as_secs_f64());
                times.insert(member, now - previous);
            }
            previous = now;
        }
    }
    let status = child.wait().context("cargo check did not finish")?;
    if !status.success() {
        println!("  cargo check failed ({status}); crates without a time did not check");
    }
    Ok(times)
}

/// Whether a line of `cargo check --message-format=json` says a unit finished: then the member it
/// belongs to (`None` for a dependency or a build script run) and whether it was fresh (not rebuilt).
fn unit_finished(corpus: &Path, members: &BTreeSet<String>, line: &str) -> Option<(Option<String>, bool)> {
    let value = serde_json::from_str::<serde_json::Value>(line).ok()?;
    match value["reason"].as_str()? {
        "compiler-artifact" => Some((
            member_of(corpus, members, &value),
            value["fresh"].as_bool().unwrap_or(false),
        )),
        "build-script-executed" => Some((None, false)),
        _ => None,
    }
}

/// Passed and failed tests of one crate, over its unit, integration and doc tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct TestTally {
    passed: u64,
    failed: u64,
    /// `test result:` lines seen: none means nothing ran.
    runs: u64,
    /// Set when cargo said the crate's tests could not be compiled.
    build_failed: bool,
}

impl TestTally {
    fn passing(&self) -> bool {
        self.runs > 0 && self.failed == 0 && !self.build_failed
    }

    fn cell(&self) -> String {
        let mut text = format!("{}/{}", self.passed, self.failed);
        if self.build_failed {
            text.push_str(" (build failed)");
        } else if self.runs == 0 {
            text.push_str(" (not run)");
        }
        text
    }
}

/// Runs the tests of the scratch workspace once, showing progress, and tallies them per member.
fn test(corpus: &Path, members: &[String]) -> anyhow::Result<BTreeMap<String, TestTally>> {
    // One file for stdout and stderr, so the `Running` lines (stderr) and the `test result` lines
    // (stdout) stay in order.
    let executables = test_executables(corpus)?;
    let log_path = corpus.join("test.log");
    let log = std::fs::File::create(&log_path).with_context(|| format!("cannot create {}", log_path.display()))?;
    let mut child = cargo()
        .current_dir(corpus)
        .args(["test", "--workspace", "--no-fail-fast"])
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .context("cannot run cargo test")?;
    let mut reader = std::fs::File::open(&log_path).with_context(|| format!("cannot read {}", log_path.display()))?;
    let mut pending = String::new();
    let status = loop {
        let finished = child.try_wait().context("cargo test did not finish")?;
        let mut chunk = Vec::new();
        reader.read_to_end(&mut chunk)?;
        pending.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = pending.find('\n') {
            let line: String = pending.drain(..=end).collect();
            if is_progress(&line) {
                println!("  {}", line.trim());
            }
        }
        if let Some(status) = finished {
            break status;
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    reader.seek(SeekFrom::Start(0))?;
    let mut text = String::new();
    reader.read_to_string(&mut text)?;
    let tallies = tally_tests(&text, members, &executables);
    if !status.success() {
        println!(
            "  cargo test failed ({status}); its output is in {}",
            log_path.display()
        );
    }
    Ok(tallies)
}

/// Builds every test executable first and maps each one's file name (`examples-HASH`) to its crate:
/// integration tests are named after their file, and the human output of `cargo test` does not say
/// whose they are.
fn test_executables(corpus: &Path) -> anyhow::Result<BTreeMap<String, String>> {
    let output = cargo()
        .current_dir(corpus)
        .args(["test", "--workspace", "--no-run", "--message-format=json"])
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run cargo test --no-run")?;
    let mut map = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(executable), Some(manifest)) = (message["executable"].as_str(), message["manifest_path"].as_str())
        else {
            continue;
        };
        let stem = Path::new(executable)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        let member = Path::new(manifest)
            .parent()
            .and_then(Path::file_name)
            .map(|s| s.to_string_lossy().into_owned());
        if let (Some(stem), Some(member)) = (stem, member) {
            map.insert(stem, member);
        }
    }
    Ok(map)
}

/// Whether a line of `cargo test` output is worth showing while it runs.
fn is_progress(line: &str) -> bool {
    let line = line.trim_start();
    [
        "Compiling ",
        "Running ",
        "Doc-tests ",
        "test result:",
        "error",
        "Finished ",
    ]
    .iter()
    .any(|start| line.starts_with(start))
        || line.contains("FAILED") && line.starts_with("test ")
}

/// Passed and failed tests per member from the human output of `cargo test`.
fn tally_tests(
    output: &str,
    members: &[String],
    executables: &BTreeMap<String, String>,
) -> BTreeMap<String, TestTally> {
    // Test executables and doc tests are named after the crate with `_`.
    let by_lib_name: BTreeMap<String, &String> = members.iter().map(|m| (m.replace('-', "_"), m)).collect();
    let mut tallies: BTreeMap<String, TestTally> = BTreeMap::new();
    let mut current: Option<&String> = None;
    for line in output.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("Running ") {
            // `Running unittests src/lib.rs (target/debug/deps/NAME-HASH)`: an integration test is
            // named after its file, not the crate; cargo runs it right after its crate's unit tests.
            let executable = rest
                .rsplit_once('(')
                .map(|(_, p)| p.trim_end_matches(')'))
                .unwrap_or(rest);
            let file = Path::new(executable)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = file.rsplit_once('-').map(|(name, _)| name).unwrap_or(&file);
            if let Some(member) = executables.get(&file).and_then(|m| members.iter().find(|x| *x == m)) {
                current = Some(member);
            } else if let Some(member) = by_lib_name.get(name) {
                current = Some(member);
            }
        } else if let Some(name) = line.strip_prefix("Doc-tests ") {
            current = by_lib_name.get(name.trim()).copied();
        } else if let Some(result) = line.strip_prefix("test result: ") {
            let Some(member) = current else { continue };
            let tally = tallies.entry(member.clone()).or_default();
            tally.runs += 1;
            tally.passed += count_before(result, "passed");
            tally.failed += count_before(result, "failed");
        } else if let Some(rest) = line.strip_prefix("error: could not compile `") {
            if let Some((name, _)) = rest.split_once('`') {
                if members.iter().any(|m| m == name) {
                    tallies.entry(name.to_string()).or_default().build_failed = true;
                }
            }
        }
    }
    tallies
}

/// `N` in `… N passed; …`.
fn count_before(result: &str, word: &str) -> u64 {
    result
        .split(';')
        .filter_map(|part| {
            let mut words = part.split_whitespace().rev();
            match (words.next(), words.next()) {
                (Some(w), Some(n)) if w == word => n.parse().ok(),
                _ => None,
            }
        })
        .next()
        .unwrap_or(0)
}

struct Summary {
    documents: usize,
    generated: usize,
    clean: usize,
    tested: usize,
    generation: Duration,
    lines: usize,
    check_time: Duration,
}

impl Summary {
    fn of(rows: &[Row]) -> Self {
        Summary {
            documents: rows.len(),
            generated: rows.iter().filter(|r| r.outcome.is_ok()).count(),
            clean: rows.iter().filter(|r| matches!(r.check, Some(Ok(())))).count(),
            tested: rows
                .iter()
                .filter(|r| r.tests.as_ref().is_some_and(TestTally::passing))
                .count(),
            generation: rows.iter().map(|r| r.generation).sum(),
            lines: rows
                .iter()
                .filter_map(|r| r.outcome.as_ref().ok())
                .map(Generated::rust_lines)
                .sum(),
            check_time: rows.iter().filter_map(|r| r.check_time).sum(),
        }
    }

    fn line(&self, tests: bool) -> String {
        let tested = if tests {
            format!("{} with passing tests", self.tested)
        } else {
            "tests not run".to_string()
        };
        format!(
            "{} of {} generated, {} clippy-clean, {tested}, generation {} ms in total, {} lines of Rust, \
             cargo check {:.1} s in total",
            self.generated,
            self.documents,
            self.clean,
            millis(self.generation),
            self.lines,
            self.check_time.as_secs_f64()
        )
    }

    fn all_passed(&self, tests: bool) -> bool {
        self.generated == self.documents && self.clean == self.documents && (!tests || self.tested == self.documents)
    }
}

fn table(rows: &[Row], tests: bool) -> String {
    let mut lines = vec![vec![
        "document".to_string(),
        "operations".to_string(),
        "models".to_string(),
        "gen ms".to_string(),
        "lines".to_string(),
        "check s".to_string(),
        "check".to_string(),
        "tests".to_string(),
    ]];
    for row in rows {
        let (operations, models, rust_lines, check, tested) = match &row.outcome {
            Ok(g) => (
                g.operations.to_string(),
                g.models.to_string(),
                g.rust_lines().to_string(),
                match &row.check {
                    Some(Ok(())) => "ok".to_string(),
                    Some(Err(e)) => cut(e, CHECK_WIDTH),
                    None => "-".to_string(),
                },
                match &row.tests {
                    Some(t) => t.cell(),
                    None if tests => "-".to_string(),
                    None => "skipped".to_string(),
                },
            ),
            Err(e) => (
                "-".to_string(),
                "-".to_string(),
                "-".to_string(),
                cut(&format!("generation failed: {e}"), CHECK_WIDTH),
                "-".to_string(),
            ),
        };
        lines.push(vec![
            row.document.clone(),
            operations,
            models,
            millis(row.generation),
            rust_lines,
            row.check_time
                .map(|t| format!("{:.1}", t.as_secs_f64()))
                .unwrap_or_else(|| "-".to_string()),
            check,
            tested,
        ]);
    }
    let columns = lines[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| lines.iter().map(|l| l[c].chars().count()).max().unwrap_or(0))
        .collect();
    // Numbers right-aligned, text left-aligned.
    let right = [false, true, true, true, true, true, false, false];
    let mut out = String::new();
    for line in &lines {
        let cells: Vec<String> = line
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c] - cell.chars().count());
                if right[c] {
                    format!("{pad}{cell}")
                } else if c + 1 == columns {
                    cell.clone()
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members() -> Vec<String> {
        vec!["twilio-api-v2010".to_string(), "twilio-oauth-v1".to_string()]
    }

    #[test]
    fn tallies_unit_integration_and_doc_tests_per_crate() {
        let output = "\
   Compiling twilio-api-v2010 v1.0.0 (/w/target/corpus/twilio-api-v2010)
    Finished `test` profile [unoptimized + debuginfo] target(s) in 1.00s
     Running unittests src/lib.rs (target/debug/deps/twilio_api_v2010-0123abcd)

running 3 tests
test a ... ok
test b ... ok
test c ... FAILED

test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

     Running tests/wire.rs (target/debug/deps/wire-99aa)

running 1 test
test w ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

     Running unittests src/lib.rs (target/debug/deps/twilio_oauth_v1-4567ef)

running 0 tests

test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

   Doc-tests twilio_api_v2010

running 2 tests
test src/lib.rs - (line 3) ... ok

test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.10s

   Doc-tests twilio_oauth_v1

running 0 tests

test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";
        let tallies = tally_tests(output, &members(), &BTreeMap::new());
        assert_eq!(
            tallies["twilio-api-v2010"],
            TestTally {
                passed: 5,
                failed: 1,
                runs: 3,
                build_failed: false
            }
        );
        assert!(!tallies["twilio-api-v2010"].passing());
        assert_eq!(tallies["twilio-oauth-v1"].runs, 2);
        assert!(tallies["twilio-oauth-v1"].passing());
        assert_eq!(tallies["twilio-oauth-v1"].cell(), "0/0");
    }

    #[test]
    fn integration_tests_are_attributed_by_their_executable() {
        // Without unit tests, a crate's first `Running` line is an integration test named after
        // its file; only the executable map can say whose it is.
        let output = "
     Running tests/examples.rs (target/debug/deps/examples-aaaa)
test result: ok. 5 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out
     Running tests/examples.rs (target/debug/deps/examples-bbbb)
test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out
";
        let executables: BTreeMap<String, String> = [
            ("examples-aaaa".to_string(), "twilio-api-v2010".to_string()),
            ("examples-bbbb".to_string(), "twilio-oauth-v1".to_string()),
        ]
        .into();
        let tallies = tally_tests(output, &members(), &executables);
        assert_eq!(
            (tallies["twilio-api-v2010"].passed, tallies["twilio-api-v2010"].failed),
            (5, 0)
        );
        assert_eq!(
            (tallies["twilio-oauth-v1"].passed, tallies["twilio-oauth-v1"].failed),
            (2, 1)
        );
    }

    #[test]
    fn a_crate_whose_tests_do_not_compile_is_not_passing() {
        let output = "error: could not compile `twilio-oauth-v1` (lib test) due to 1 previous error\n";
        let tallies = tally_tests(output, &members(), &BTreeMap::new());
        assert!(tallies["twilio-oauth-v1"].build_failed);
        assert!(!tallies["twilio-oauth-v1"].passing());
        assert!(!tallies.contains_key("twilio-api-v2010"));
    }

    #[test]
    fn clippy_messages_are_attributed_by_source_path_or_package_id() {
        let corpus = Path::new("/w/target/corpus");
        let mut messages = ClippyMessages::new(corpus, &members());
        let artifact = r#"{"reason":"compiler-artifact","package_id":"path+file:///w/target/corpus/twilio-oauth-v1#1.53.0","target":{"src_path":"/w/target/corpus/twilio-oauth-v1/src/lib.rs"}}"#;
        let error = r#"{"reason":"compiler-message","package_id":"path+file:///w/target/corpus/twilio-api-v2010#twilio-api-v2010@1.0.0","target":{"src_path":"/elsewhere/lib.rs"},"message":{"level":"error","message":"this function has too many arguments (9/7)","rendered":"error: this function has too many arguments (9/7)\n  --> src/x.rs:1:1\n"}}"#;
        let again = error.replace("(9/7)", "(8/7)");
        let abort = r#"{"reason":"compiler-message","package_id":"path+file:///w/target/corpus/twilio-api-v2010#1.0.0","target":{"src_path":"/w/target/corpus/twilio-api-v2010/src/lib.rs"},"message":{"level":"error","message":"aborting due to 2 previous errors","rendered":"error: aborting due to 2 previous errors\n"}}"#;
        let warning_in_a_dependency = r#"{"reason":"compiler-message","package_id":"registry+https://github.com/rust-lang/crates.io-index#serde@1.0.0","target":{"src_path":"/home/.cargo/registry/src/serde/lib.rs"},"message":{"level":"error","message":"x","rendered":"error: x\n"}}"#;
        for line in [
            "not json",
            artifact,
            error,
            error,
            &again,
            abort,
            warning_in_a_dependency,
        ] {
            messages.read_line(line);
        }
        let results = messages.results(false, "error: whatever");
        assert_eq!(results["twilio-oauth-v1"], Ok(()));
        assert_eq!(
            results["twilio-api-v2010"],
            Err("error: this function has too many arguments (9/7) (+1 more)".to_string())
        );
    }

    #[test]
    fn a_crate_clippy_never_reached_is_not_clean() {
        let messages = ClippyMessages::new(Path::new("/w/target/corpus"), &members());
        let results = messages.results(false, "error: failed to load manifest");
        assert_eq!(
            results["twilio-oauth-v1"],
            Err("not checked: error: failed to load manifest".to_string())
        );
    }

    #[test]
    fn finished_units_of_cargo_check_are_told_apart() {
        let corpus = Path::new("/w/target/corpus");
        let members: BTreeSet<String> = members().into_iter().collect();
        let member = r#"{"reason":"compiler-artifact","package_id":"path+file:///w/target/corpus/twilio-oauth-v1#1.53.0","target":{"src_path":"/w/target/corpus/twilio-oauth-v1/src/lib.rs"},"fresh":false}"#;
        let dependency = r#"{"reason":"compiler-artifact","package_id":"registry+https://github.com/rust-lang/crates.io-index#serde@1.0.0","target":{"src_path":"/home/.cargo/registry/src/serde/lib.rs"},"fresh":true}"#;
        let build_script = r#"{"reason":"build-script-executed","package_id":"registry+https://github.com/rust-lang/crates.io-index#serde@1.0.0"}"#;
        let message =
            r#"{"reason":"compiler-message","package_id":"path+file:///w/target/corpus/twilio-oauth-v1#1.53.0"}"#;
        assert_eq!(
            unit_finished(corpus, &members, member),
            Some((Some("twilio-oauth-v1".to_string()), false))
        );
        assert_eq!(unit_finished(corpus, &members, dependency), Some((None, true)));
        assert_eq!(unit_finished(corpus, &members, build_script), Some((None, false)));
        assert_eq!(unit_finished(corpus, &members, message), None);
        assert_eq!(unit_finished(corpus, &members, "   Compiling serde"), None);
    }

    #[test]
    fn the_table_has_lines_and_check_time_columns() {
        let generated = Generated {
            operations: 1,
            models: 0,
            files: vec![
                GeneratedFile {
                    path: "src/lib.rs".to_string(),
                    contents: "a\nb\n".to_string(),
                },
                GeneratedFile {
                    path: "tests/t.rs".to_string(),
                    contents: "c\n".to_string(),
                },
                GeneratedFile {
                    path: "Cargo.toml".to_string(),
                    contents: "[package]\nname = \"x\"\n".to_string(),
                },
            ],
        };
        assert_eq!(generated.rust_lines(), 3);
        let row = Row {
            document: "x.yaml".to_string(),
            crate_name: "x".to_string(),
            generation: Duration::from_millis(2),
            outcome: Ok(generated),
            check: Some(Ok(())),
            tests: None,
            check_time: Some(Duration::from_millis(1250)),
        };
        let table = table(&[row], false);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0].split_whitespace().collect::<Vec<_>>(),
            [
                "document",
                "operations",
                "models",
                "gen",
                "ms",
                "lines",
                "check",
                "s",
                "check",
                "tests"
            ]
        );
        assert_eq!(
            lines[1].split_whitespace().collect::<Vec<_>>(),
            ["x.yaml", "1", "0", "2.0", "3", "1.2", "ok", "skipped"]
        );
    }

    #[test]
    fn counts_are_read_from_a_test_result_line() {
        let line = "FAILED. 12 passed; 3 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(count_before(line, "passed"), 12);
        assert_eq!(count_before(line, "failed"), 3);
        assert_eq!(count_before(line, "measured"), 0);
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("exactly 10", 10), "exactly 10");
        assert_eq!(cut("a bit longer than ten", 10), "a bit lon…");
    }

    #[test]
    fn the_workspace_manifest_lists_every_member() {
        assert_eq!(
            workspace_manifest(&["a", "b-c"]),
            "# @generated by `cargo xtask corpus`: a scratch workspace of generated crates; do not edit\n\
             [workspace]\nresolver = \"2\"\nmembers = [\n    \"a\",\n    \"b-c\",\n]\n"
        );
    }

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
