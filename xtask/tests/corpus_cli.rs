//! `cargo xtask corpus` end to end, on documents that never reach cargo (so nothing is built and
//! the scratch workspace `target/corpus/` is not touched).

use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("the xtask binary runs")
}

fn describe(output: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_document_that_does_not_generate_is_a_failure_row_with_its_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a_v32.yaml"),
        "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b_not_yaml.json"), "{ not json").unwrap();
    std::fs::write(dir.path().join("LICENSE"), "not a document").unwrap();

    let output = xtask(&["corpus", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let row = stdout
        .lines()
        .find(|l| l.starts_with("a_v32.yaml "))
        .unwrap_or_else(|| panic!("no row for a_v32.yaml\n{}", describe(&output)));
    assert!(row.contains("generation failed: #/openapi"), "{row}");
    assert!(stdout.lines().any(|l| l.starts_with("b_not_yaml.json ")), "{stdout}");
    assert!(!stdout.contains("LICENSE"), "{stdout}");
    assert!(
        stdout.contains("0 of 2 generated, 0 clippy-clean, 0 with passing tests"),
        "{stdout}"
    );
    assert!(
        stdout.contains("a-v32: #/openapi: OpenAPI version `3.2.0` is not supported"),
        "{stdout}"
    );
    assert!(!stdout.contains("cargo clippy"), "cargo ran without a crate:\n{stdout}");
    assert!(
        !stdout.contains("==> cargo check"),
        "cargo ran without a crate:\n{stdout}"
    );
    let header = stdout
        .lines()
        .find(|l| l.starts_with("document "))
        .unwrap_or_else(|| panic!("no table header\n{}", describe(&output)));
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
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
    // No lines and no check time for a document that did not generate.
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!((cells[1], cells[2], cells[4], cells[5]), ("-", "-", "-", "-"), "{row}");
    assert!(stdout.contains("lines of Rust, cargo check 0.0 s in total"), "{stdout}");
}

#[test]
fn only_filters_documents_by_name() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["x_v1.yaml", "y_v1.yaml"] {
        std::fs::write(dir.path().join(name), "openapi: 3.1.0\n").unwrap();
    }
    let output = xtask(&["corpus", dir.path().to_str().unwrap(), "--only", "y_", "--no-tests"]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.lines().any(|l| l.starts_with("y_v1.yaml ")), "{stdout}");
    assert!(!stdout.contains("x_v1.yaml"), "{stdout}");
    assert!(
        stdout.contains("0 of 1 generated, 0 clippy-clean, tests not run"),
        "{stdout}"
    );
}

#[test]
fn a_folder_without_documents_or_a_bad_argument_fails() {
    let dir = tempfile::tempdir().unwrap();
    let output = xtask(&["corpus", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("no *.yaml"),
        "{}",
        describe(&output)
    );

    for args in [&["corpus"][..], &["corpus", ".", "--frobnicate"][..]] {
        let output = xtask(args);
        assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("usage:"),
            "{}",
            describe(&output)
        );
    }
}
