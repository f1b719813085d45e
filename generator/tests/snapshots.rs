//! Snapshots of what the generator decides, so every change shows up as a reviewable diff
//! (`cargo insta review`):
//!
//! - for the project's document, `spec/twilio_oauth_v1.yaml`, and each fixture under
//!   `tests/fixtures/`: the list of files emitted, and every file made from the IR;
//! - for each fixture, the IR it lowers to (every name and type decision).
//!
//! Runtime modules are copied, not decided: they are tested in the `runtime` crate, and only their
//! place in the file list is snapshotted here. A snapshot no test asserts fails
//! [`every_snapshot_is_referenced`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use generator::emit::{GeneratedFile, Origin};
use generator::{emit, load, lower};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture documents, each a test below.
const FIXTURES: &[&str] = &[
    "names",
    "types",
    "operations",
    "schemes_and_shapes",
    "inheritance",
    "recursion",
    "composition",
    "multi_file",
    "wire_shapes",
    "openapi31",
];

/// The snapshots of one crate's files: the file list, and each emitted file, by snapshot name.
fn file_snapshots(prefix: &str, files: &[GeneratedFile]) -> Vec<(String, String)> {
    let list: Vec<String> = files
        .iter()
        .map(|f| match f.origin {
            Origin::Emitted => f.path.clone(),
            Origin::Runtime => format!("{} (runtime)", f.path),
        })
        .collect();
    let mut snapshots = vec![(format!("{prefix}__file_list"), list.join("\n"))];
    for file in files.iter().filter(|f| f.origin == Origin::Emitted) {
        snapshots.push((
            format!("{prefix}__{}", file.path.replace('/', "__")),
            file.contents.clone(),
        ));
    }
    snapshots
}

fn oauth_v1_snapshots() -> Vec<(String, String)> {
    let spec = manifest_dir().join("../spec/twilio_oauth_v1.yaml");
    let options = generator::config::options_for(&spec).expect("the project's settings");
    let files = generator::generate(&spec, &options).expect("the project's document generates");
    file_snapshots("oauth_v1", &files)
}

fn fixture_snapshots(name: &str) -> Vec<(String, String)> {
    let path: PathBuf = manifest_dir().join("tests/fixtures").join(format!("{name}.yaml"));
    let doc = load::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut options = generator::config::options_for(&path).unwrap_or_else(|e| panic!("{e}"));
    options.crate_name = name.to_string();
    let api = lower::lower(&doc, &path, &options).unwrap_or_else(|e| panic!("{e}"));
    let mut snapshots = vec![(format!("{name}__ir"), format!("{api:#?}"))];
    snapshots.extend(file_snapshots(
        name,
        &emit::emit(&api).unwrap_or_else(|e| panic!("{e}")),
    ));
    snapshots
}

fn assert_snapshots(snapshots: Vec<(String, String)>) {
    for (name, contents) in snapshots {
        insta::assert_snapshot!(name, contents);
    }
}

#[test]
fn oauth_v1_emitted_files() {
    assert_snapshots(oauth_v1_snapshots());
}

#[test]
fn fixture_names() {
    assert_snapshots(fixture_snapshots("names"));
}

#[test]
fn fixture_types() {
    assert_snapshots(fixture_snapshots("types"));
}

#[test]
fn fixture_operations() {
    assert_snapshots(fixture_snapshots("operations"));
}

#[test]
fn fixture_schemes_and_shapes() {
    assert_snapshots(fixture_snapshots("schemes_and_shapes"));
}

#[test]
fn fixture_inheritance() {
    assert_snapshots(fixture_snapshots("inheritance"));
}

#[test]
fn fixture_recursion() {
    assert_snapshots(fixture_snapshots("recursion"));
}

#[test]
fn fixture_composition() {
    assert_snapshots(fixture_snapshots("composition"));
}

#[test]
fn fixture_multi_file() {
    assert_snapshots(fixture_snapshots("multi_file"));
}

#[test]
fn fixture_wire_shapes() {
    assert_snapshots(fixture_snapshots("wire_shapes"));
}

#[test]
fn fixture_openapi31() {
    assert_snapshots(fixture_snapshots("openapi31"));
}

/// Every file in `tests/snapshots/` is one the tests above assert: a snapshot left behind by a
/// renamed or removed file would otherwise linger unreviewed.
#[test]
fn every_snapshot_is_referenced() {
    let mut expected: BTreeSet<String> = oauth_v1_snapshots().into_iter().map(|(name, _)| name).collect();
    for fixture in FIXTURES {
        expected.extend(fixture_snapshots(fixture).into_iter().map(|(name, _)| name));
    }
    let expected: BTreeSet<String> = expected.iter().map(|name| format!("snapshots__{name}.snap")).collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(manifest_dir().join("tests/snapshots"))
        .expect("the snapshot folder")
        .map(|entry| entry.expect("a snapshot").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap"))
        .collect();
    let unreferenced: Vec<&String> = on_disk.difference(&expected).collect();
    assert!(
        unreferenced.is_empty(),
        "snapshots no test asserts (delete them): {unreferenced:?}"
    );
}
