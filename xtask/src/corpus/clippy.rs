//! The clippy stage: `cargo clippy --all-targets -- -D warnings` once over the scratch workspace,
//! its JSON messages attributed to members, so each crate gets `ok` or its first error line.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use anyhow::Context;

use super::cargo::{cargo, member_of};
use super::text::first_line;

/// Runs clippy once over the scratch workspace: per member, `Ok` or its first error line.
pub(super) fn clippy(corpus: &Path, members: &[String]) -> anyhow::Result<BTreeMap<String, Result<(), String>>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_members as members;

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
}
