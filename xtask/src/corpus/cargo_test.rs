//! The test stage: `cargo test --no-fail-fast` once over the scratch workspace, its progress shown
//! as it runs, and its human output tallied into passed and failed tests per member.

use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;

use super::cargo::cargo;

/// Passed and failed tests of one crate, over its unit, integration and doc tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct TestTally {
    passed: u64,
    failed: u64,
    /// `test result:` lines seen: none means nothing ran.
    runs: u64,
    /// Set when cargo said the crate's tests could not be compiled.
    build_failed: bool,
}

impl TestTally {
    pub(super) fn passing(&self) -> bool {
        self.runs > 0 && self.failed == 0 && !self.build_failed
    }

    pub(super) fn cell(&self) -> String {
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
pub(super) fn test(corpus: &Path, members: &[String]) -> anyhow::Result<BTreeMap<String, TestTally>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_members as members;

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
    fn counts_are_read_from_a_test_result_line() {
        let line = "FAILED. 12 passed; 3 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(count_before(line, "passed"), 12);
        assert_eq!(count_before(line, "failed"), 3);
        assert_eq!(count_before(line, "measured"), 0);
    }
}
