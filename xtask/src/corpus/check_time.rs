//! The timing stage: one `cargo check -j1` of the clippy-clean crates, each crate's time read from
//! when cargo reports its units finished.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::Context;

use super::cargo::{cargo, member_of};

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
pub(super) fn check_times(corpus: &Path, members: &[String]) -> anyhow::Result<BTreeMap<String, Duration>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_members as members;

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
}
