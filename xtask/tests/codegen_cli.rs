//! `cargo xtask codegen` end to end: the built binary, run on temporary folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("spec/twilio_oauth_v1.yaml")
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("the xtask binary runs")
}

fn codegen(extra: &[&str], spec: &Path, out: &Path) -> Output {
    let mut args = vec!["codegen"];
    args.extend_from_slice(extra);
    args.extend(["--spec", spec.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    xtask(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn describe(output: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        stderr(output)
    )
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    files
}

#[test]
fn codegen_writes_a_crate_and_check_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client");

    let output = codegen(&[], &spec(), &out);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    assert!(out.join("Cargo.toml").is_file());
    assert!(out.join("src/lib.rs").is_file());

    let output = codegen(&["--check"], &spec(), &out);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
}

#[test]
fn check_fails_on_an_edited_file_and_says_how_to_fix_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client");
    let output = codegen(&[], &spec(), &out);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));

    let lib = out.join("src/lib.rs");
    let mut text = std::fs::read_to_string(&lib).unwrap();
    text.push_str("// edited by hand\n");
    std::fs::write(&lib, text).unwrap();

    let output = codegen(&["--check"], &spec(), &out);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let err = stderr(&output);
    assert!(err.contains("stale:   src/lib.rs"), "{err}");
    assert!(err.contains("cargo xtask codegen --spec"), "{err}");
    // Checking changes nothing.
    assert!(std::fs::read_to_string(&lib).unwrap().ends_with("// edited by hand\n"));
}

#[test]
fn an_unsupported_document_fails_and_leaves_the_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("v32.yaml");
    std::fs::write(&spec, "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap();
    let out = dir.path().join("client");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("src/lib.rs"), "// a crate generated earlier\n").unwrap();
    std::fs::write(out.join("Cargo.toml"), "[package]\nname = \"v32\"\n").unwrap();
    let before = snapshot(&out);

    let output = codegen(&[], &spec, &out);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let err = stderr(&output);
    assert!(err.contains(&spec.display().to_string()), "{err}");
    assert!(err.contains("#/openapi"), "{err}");
    assert!(err.contains("OpenAPI version `3.2.0` is not supported"), "{err}");
    assert_eq!(snapshot(&out), before);
}

#[test]
fn an_unknown_argument_fails_with_the_usage() {
    let output = xtask(&["codegen", "--frobnicate"]);
    assert_ne!(output.status.code(), Some(0), "{}", describe(&output));
    let err = stderr(&output);
    assert!(err.contains("--frobnicate"), "{err}");
    assert!(err.contains("usage:"), "{err}");
    assert!(err.contains("cargo xtask codegen --spec FILE --out DIR"), "{err}");
}

#[test]
fn an_unknown_task_fails_with_the_usage() {
    for args in [&[][..], &["generate"][..]] {
        let output = xtask(args);
        assert_ne!(output.status.code(), Some(0), "{}", describe(&output));
        assert!(stderr(&output).contains("usage:"), "{}", describe(&output));
    }
}

#[test]
fn two_generations_in_separate_processes_give_identical_bytes() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    for dir in [first.path(), second.path()] {
        let output = codegen(&[], &spec(), dir);
        assert!(output.status.success(), "{}", describe(&output));
    }
    let (a, b) = (snapshot(first.path()), snapshot(second.path()));
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

#[test]
fn spec_without_out_is_refused_so_generated_is_never_overwritten_by_another_document() {
    let output = xtask(&["codegen", "--spec", "other.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(stderr(&output).contains("--spec needs --out"), "{}", describe(&output));
}

#[test]
fn conformance_without_node_says_what_to_install() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("conformance")
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert_eq!(
        stderr(&output).trim(),
        "error: `node` is not installed: conformance runs Stoplight Prism, a Node.js program. Install Node.js 18 or newer with npm (for example `apt-get install nodejs npm`), then run again"
    );
}

#[test]
fn codegen_without_spec_checks_every_committed_crate() {
    let output = xtask(&["codegen", "--check"]);
    assert!(output.status.success(), "{}", describe(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{stdout}");
    // The committed crates hold exactly the files generation makes: counted on disk.
    let root = spec().parent().unwrap().parent().unwrap().to_path_buf();
    let count = |dir: &str| snapshot(&root.join(dir)).len();
    let expected = format!("/generated is up to date ({} files)", count("generated"));
    assert!(lines[0].ends_with(&expected), "{stdout}");
    let expected = format!(
        "/generated-fixture is up to date ({} files)",
        count("generated-fixture")
    );
    assert!(lines[1].ends_with(&expected), "{stdout}");
}
