//! The command as a team outside this repository runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../generator/tests/fixtures")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_openapi-rust-gen"))
        .args(args)
        .output()
        .expect("the command runs")
}

/// How many files are under `dir`.
fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .map(|path| if path.is_dir() { count_files(&path) } else { 1 })
        .sum()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn it_generates_a_crate_and_then_checks_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client");
    let spec = fixture("wire_shapes.yaml");
    let (spec, out_arg) = (spec.to_str().unwrap(), out.to_str().unwrap());
    let made = run(&["--spec", spec, "--out", out_arg]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let files = count_files(&out);
    assert!(files > 20, "{files}");
    assert_eq!(
        text(&made.stdout),
        format!("{out_arg}: {files} files, {files} written, 0 deleted\n")
    );
    // The document's deliberate mistake is a warning, with its pointer.
    assert!(text(&made.stderr).starts_with("warning: "), "{}", text(&made.stderr));
    assert!(text(&made.stderr).contains("#/paths/~1keys~1misnamed/get/security/0/apiKeyHeder"));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"wire-shapes\""), "{manifest}");

    let checked = run(&["--spec", spec, "--out", out_arg, "--check"]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));
    assert_eq!(
        text(&checked.stdout),
        format!("{out_arg} is up to date ({files} files)\n")
    );

    std::fs::write(out.join("src/lib.rs"), "// edited\n").unwrap();
    let stale = run(&["--spec", spec, "--out", out_arg, "--check"]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(
        text(&stale.stderr).contains("  stale:   src/lib.rs"),
        "{}",
        text(&stale.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        "// edited\n",
        "--check writes nothing"
    );
}

#[test]
fn name_and_replies_are_options() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c");
    let spec = fixture("types.yaml");
    let made = run(&[
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--name",
        "acme-client",
        "--replies",
        "lenient",
    ]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"acme-client\""), "{manifest}");
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(readme.contains("read leniently"), "{readme}");
}

#[test]
fn a_broken_document_fails_with_its_place_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a: {get: {responses: {'200': {$ref: '#/nope'}}}}\n",
    )
    .unwrap();
    let out = dir.path().join("client");
    let failed = run(&["--spec", spec.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(1));
    let err = text(&failed.stderr);
    assert!(
        err.starts_with("error: ") && err.contains("#/paths/~1a/get/responses/200"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn wrong_arguments_print_the_usage() {
    let failed = run(&["--spec"]);
    assert_eq!(failed.status.code(), Some(2));
    assert_eq!(
        text(&failed.stderr),
        "error: --spec needs a value\nusage: openapi-rust-gen --spec FILE --out DIR [--check] [--replies strict|lenient] [--name CRATE]\n"
    );
}
